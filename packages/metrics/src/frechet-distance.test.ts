import { isGantryError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import reference from "./fixtures/fid-reference.json" with { type: "json" };
import { fixtureGaussian, xorshiftMatrix } from "./fixture-gaussians.test-support.js";
import { frechetDistance } from "./frechet-distance.js";
import type { GaussianStatistics } from "./running-moments.js";

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
  for (const c of reference.cases) {
    it(`matches scipy on ${c.name}`, () => {
      const a = fixtureGaussian(c.side1.seed, c.d, c.side1.k, c.side1.scale);
      const b = fixtureGaussian(c.side2.seed, c.d, c.side2.k, c.side2.scale);
      expect(tr(a)).toBeCloseTo(c.trace1, 10);
      const warnings: string[] = [];
      const withEps = frechetDistance(a, b, { onWarning: (w) => warnings.push(w) });
      expect(Math.abs(withEps.fid - c.fidSqrtm) / c.fidSqrtm).toBeLessThan(1e-6);
      const exact = c.epsilon > 0 ? frechetDistance(a, b, { epsilon: 0 }) : withEps;
      expect(Math.abs(exact.fid - c.fidExact) / c.fidExact).toBeLessThan(1e-6);
      if (c.epsilon > 0) {
        expect(withEps.epsilon).toBe(c.epsilon);
        expect(warnings.some((w) => w.includes("singular"))).toBe(true);
      } else {
        expect(withEps.epsilon).toBe(0);
      }
    }, 60_000);
  }

  it("is ‖Δμ‖² + Σ(√a − √b)² for diagonal covariances (closed form), singular ones included", () => {
    const a = diag([1, 4, 0, 2], [0, 1, 2, 3]);
    const b = diag([9, 1, 0, 0], [1, 1, 0, 3]);
    const expected = 1 + 4 + (1 - 3) ** 2 + (2 - 1) ** 2 + 0 + 2;
    expect(frechetDistance(a, b, { epsilon: 0 }).fid).toBeCloseTo(expected, 12);
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
    let error: unknown;
    try {
      frechetDistance(diag([1, 1, -0.5], [0, 0, 0]), b);
    } catch (e) {
      error = e;
    }
    expect(isGantryError(error, "FID_NOT_PSD")).toBe(true);
  });

  it("rejects mismatched dims and NaN", () => {
    expect(() => frechetDistance(diag([1, 1], [0, 0]), diag([1], [0]))).toThrow(/same extractor/);
    expect(() => frechetDistance(diag([1, NaN], [0, 0]), diag([1, 1], [0, 0]))).toThrow(/NaN/);
  });
});

function tr(s: GaussianStatistics): number {
  let t = 0;
  for (let i = 0; i < s.dim; i++) t += s.cov[i * s.dim + i];
  return t;
}
