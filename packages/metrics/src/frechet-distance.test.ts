import { gantryErrorOf } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { featureMatrix } from "./feature-matrix.js";
import reference from "./fixtures/fid-reference.json" with { type: "json" };
import rankDeficient from "./fixtures/rank-deficient-fid.json" with { type: "json" };
import { fixtureGaussian, fixtureSamples, xorshiftMatrix } from "./fixture-gaussians.test-support.js";
import { frechetDistance } from "./frechet-distance.js";
import { gaussianStatistics, type GaussianStatistics } from "./running-moments.js";

const diag = (values: readonly number[], mean: readonly number[]): GaussianStatistics => {
  const d = values.length;
  const cov = new Float64Array(d * d);
  values.forEach((v, i) => (cov[i * d + i] = v));
  return { n: 10, dim: d, mean: Float64Array.from(mean), cov };
};

describe("frechetDistance", () => {
  it("rebuilds the fixture's generator exactly", () => {
    expect(Array.from(xorshiftMatrix(1, 1, 3))).toEqual(reference.firstValues);
  });

  // Tolerance 1e-6 relative (the bar): both sides are float64 and agree to ~1e-12 in practice;
  // the fixture's covariances are rebuilt here with a different summation order (~1e-15 relative).
  // The default is the exact distance for singular cases too (fidExact); fidSqrtm of a singular case is
  // the εI route, which the exact route no longer takes (frechet-distance-fallback.test.ts forces it).
  for (const c of reference.cases) {
    it(`matches scipy on ${c.name}`, () => {
      const a = fixtureGaussian(c.side1.seed, c.d, c.side1.k, c.side1.scale);
      const b = fixtureGaussian(c.side2.seed, c.d, c.side2.k, c.side2.scale);
      expect(tr(a)).toBeCloseTo(c.trace1, 10);
      const warnings: string[] = [];
      const r = frechetDistance(a, b, { onWarning: (w) => warnings.push(w) });
      expect(relative(r.fid, c.fidExact)).toBeLessThan(1e-6);
      expect(r.epsilon).toBe(0);
      expect(warnings.some((w) => w.includes("retried"))).toBe(false);
      expect(warnings.some((w) => w.includes("singular"))).toBe(c.epsilon > 0);
      if (c.epsilon === 0) expect(relative(r.fid, c.fidSqrtm)).toBeLessThan(1e-6);
    }, 60_000);
  }

  // Rank-deficient sample covariances (n ≤ 40 rows of 64 features) against scipy.linalg.sqrtm without ε,
  // which is pytorch-fid's number whenever its sqrtm is finite (fixtures/make_rank_deficient_fid.py).
  // Tolerance 1e-6 relative: the rows are identical bit for bit and the statistics differ by summation
  // order only (~1e-15), but a float64 singular covariance has null-space eigenvalues of rounding size
  // (~1e-16·λmax) whose square roots (~1e-8·√λmax each) move Tr((Σ₁Σ₂)^½) by ~1e-8 relative between
  // implementations (Gantry vs sqrtm vs numpy eigh: 1e-9 to 2e-8 here). 1e-6 leaves ≥ 50× margin, and
  // the old εI default is off by 1e-5 to 1e-3 on these cases, so the bar still tells the two apart.
  for (const c of rankDeficient.cases) {
    it(`matches scipy sqrtm without ε on ${c.name} (ranks ${c.rank1}, ${c.rank2} of ${c.d})`, () => {
      expect(c.sqrtmFinite).toBe(true);
      expect(relative(c.fidEigh, c.fidExact)).toBeLessThan(1e-6);
      expect(relative(c.fidEpsilon, c.fidExact)).toBeGreaterThan(1e-6);
      const a = sampleStatistics(c.side1, c.d);
      const b = sampleStatistics(c.side2, c.d);
      expect(relative(tr(a), c.trace1)).toBeLessThan(1e-12);
      const r = frechetDistance(a, b);
      expect(relative(r.meanTerm, c.meanTerm)).toBeLessThan(1e-12);
      expect(relative(r.fid, c.fidExact)).toBeLessThan(1e-6);
      expect(r.epsilon).toBe(0);
      expect(r.warnings.some((w) => w.includes("singular"))).toBe(true);
      expect(r.warnings.some((w) => w.includes("clamped"))).toBe(false);
    });
  }

  it("is ‖Δμ‖² + Σ(√a − √b)² for diagonal covariances (closed form), singular ones included", () => {
    const a = diag([1, 4, 0, 2], [0, 1, 2, 3]);
    const b = diag([9, 1, 0, 0], [1, 1, 0, 3]);
    const expected = 1 + 4 + (1 - 3) ** 2 + (2 - 1) ** 2 + 0 + 2;
    expect(frechetDistance(a, b, { epsilon: 0 }).fid).toBeCloseTo(expected, 12);
    expect(frechetDistance(a, b).fid).toBeCloseTo(expected, 12);
  });

  // Closed forms, to 1e-12 absolute (values of order 1–20; only rounding of a few products remains).
  // With εI on both sides diag(1, 0) vs diag(0, 1) came out 2(1 + ε) − 4√(ε(1 + ε)) ≈ 1.996.
  const singularCases: readonly (readonly [string, GaussianStatistics, GaussianStatistics, number])[] = [
    ["diag(1, 0) vs diag(0, 1)", diag([1, 0], [0, 0]), diag([0, 1], [0, 0]), 2],
    ["disjoint supports in 4-d", diag([4, 9, 0, 0], [0, 0, 0, 0]), diag([0, 0, 1, 16], [0, 0, 0, 0]), 30],
    ["a shared null direction", diag([4, 0, 0], [1, 0, 0]), diag([1, 0, 0], [0, 0, 0]), 1 + 1],
    ["a zero covariance", diag([0, 0, 0], [0, 0, 0]), diag([1, 4, 9], [0, 3, 0]), 9 + 14],
    ["rank-1 Σ = vvᵀ, wwᵀ, not diagonal: |v|² + |w|² − 2|v·w|", outer([1, 2, 2]), outer([2, -1, 2]), 9 + 9 - 2 * 4],
  ];
  for (const [name, a, b, expected] of singularCases) {
    it(`is exact on singular covariances without ε: ${name} = ${expected}`, () => {
      const r = frechetDistance(a, b);
      expect(Math.abs(r.fid - expected)).toBeLessThan(1e-12);
      expect(Math.abs(frechetDistance(b, a).fid - expected)).toBeLessThan(1e-12);
      expect(r.epsilon).toBe(0);
      expect(r.warnings.some((w) => w.includes("singular"))).toBe(true);
    });
  }

  // Σ₁ and Σ₂ on orthogonal halves of a rotated basis (Householder H = I − 2uuᵀ/uᵀu, u from xorshift32),
  // eigenvalues 1..64: Tr((Σ₁Σ₂)^½) = 0, so FID = Tr Σ₁ + Tr Σ₂ = 2080. Every eigenvalue of
  // Σ₁^½Σ₂Σ₁^½ is rounding of either sign (|λ| ~ 1e-13), which must be neither an FID_NOT_PSD error nor
  // √(rounding) ≈ 1e-7 each in the trace. Tolerance 1e-10 relative: only rounding of the inputs remains.
  it("is exact for rotated covariances with orthogonal supports (Tr Σ₁ + Tr Σ₂)", () => {
    const d = 64;
    const u = xorshiftMatrix(99, 1, d);
    const uu = u.reduce((t, x) => t + x * x, 0);
    const h = (i: number, c: number) => (i === c ? 1 : 0) - (2 * u[i] * u[c]) / uu;
    const half = (from: number): GaussianStatistics => {
      const cov = new Float64Array(d * d);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) for (let c = from; c < from + d / 2; c++) cov[i * d + j] += (1 + c) * h(i, c) * h(j, c);
      return { n: 10, dim: d, mean: new Float64Array(d), cov };
    };
    const r = frechetDistance(half(0), half(d / 2));
    expect(relative(r.fid, 2080)).toBeLessThan(1e-10);
    expect(r.epsilon).toBe(0);
  });

  it("throws FID_SQRTM_FAILED when even the ε fallback overflows, and names the fix without one", () => {
    const huge = diag([1e200, 1e200], [0, 0]);
    const withFallback = gantryErrorOf(() => frechetDistance(huge, huge));
    expect(withFallback.code).toBe("FID_SQRTM_FAILED");
    expect(withFallback.message).toMatch(/also with 0\.000001·I added/);
    const without = gantryErrorOf(() => frechetDistance(huge, huge, { epsilon: 0 }));
    expect(without.code).toBe("FID_SQRTM_FAILED");
    expect(without.hint).toMatch(/epsilon > 0/);
  });

  it("is 0 for a set against itself (1e-8 relative to Tr Σ)", () => {
    const a = fixtureGaussian(5, 64, 128, 1);
    const r = frechetDistance(a, a);
    expect(Math.abs(r.fid) / tr(a)).toBeLessThan(1e-8);
  });

  it("clamps and reports rounding-level negative eigenvalues, rejects significant ones", () => {
    const a = diag([1, 1, -1e-12], [0, 0, 0]);
    const b = diag([1, 1, 1], [0, 0, 0]);
    const r = frechetDistance(a, b, { epsilon: 0 });
    expect(r.clampedEigenvalues).toBeGreaterThan(0);
    expect(r.mostNegativeEigenvalue).toBeCloseTo(-1e-12, 20);
    expect(r.warnings.some((w) => w.includes("clamped"))).toBe(true);
    expect(gantryErrorOf(() => frechetDistance(diag([1, 1, -0.5], [0, 0, 0]), b)).code).toBe("FID_NOT_PSD");
  });

  it("rejects mismatched dims and NaN", () => {
    expect(() => frechetDistance(diag([1, 1], [0, 0]), diag([1], [0]))).toThrow(/same extractor/);
    expect(() => frechetDistance(diag([1, NaN], [0, 0]), diag([1, 1], [0, 0]))).toThrow(/NaN/);
  });
});

function relative(x: number, reference: number): number {
  return Math.abs(x - reference) / Math.abs(reference);
}

/** Σ = vvᵀ (rank 1), μ = 0. */
function outer(v: readonly number[]): GaussianStatistics {
  const d = v.length;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) cov[i * d + j] = v[i] * v[j];
  return { n: 2, dim: d, mean: new Float64Array(d), cov };
}

/** Statistics of the fixture's feature rows, by the same code as the metrics (gaussianStatistics). */
function sampleStatistics(side: { readonly seed: number; readonly n: number; readonly scale: number; readonly shift: number }, d: number): GaussianStatistics {
  return gaussianStatistics(featureMatrix(fixtureSamples(side.seed, side.n, d, side.scale, side.shift), side.n, d));
}

function tr(s: GaussianStatistics): number {
  let t = 0;
  for (let i = 0; i < s.dim; i++) t += s.cov[i * s.dim + i];
  return t;
}
