import fc from "fast-check";
import { describe, expect, it } from "vitest";
import ref from "./fixtures/adagan-weights.json" with { type: "json" };
import { dataWeights, hFromLogits, mixIn, mixtureBeta, weightSummary } from "./adagan-weights.js";

const sum = (xs: ArrayLike<number>): number => Array.from(xs).reduce((a, b) => a + b, 0);
const code = (c: string) => expect.objectContaining({ name: "GantryError", code: c });

describe("dataWeights", () => {
  // The fixture is exact (rational arithmetic, rounded once). The scan sums N ≤ 1000 terms with
  // compensation, so λ* and the weights are good to a few ulps; 1e−9 and 1e−12 leave room for platforms.
  for (const c of ref.cases) {
    it(`matches the exact reference: ${c.name}`, () => {
      const { weights, lambda } = dataWeights(c.h, c.beta);
      expect(Math.abs(lambda - c.lambda) / c.lambda).toBeLessThan(1e-9);
      expect(weights).toHaveLength(c.weights.length);
      for (let i = 0; i < weights.length; i++) expect(Math.abs(weights[i] - c.weights[i])).toBeLessThan(1e-12);
      expect(Math.abs(sum(weights) - 1)).toBeLessThan(1e-12);
    });
  }

  it("gives uniform weights when every h is equal, for any β", () => {
    // Σ(λ − c·1)₊ = 4β with all four terms positive ⇒ λ* = 1, wᵢ = (1 − (1 − β))/(4β) = 1/4.
    for (const beta of [0.05, 0.3, 0.5, 1]) {
      const { weights, lambda } = dataWeights([1, 1, 1, 1], beta);
      expect(lambda).toBeCloseTo(1, 14);
      for (const w of weights) expect(w).toBeCloseTo(0.25, 15);
    }
  });

  it("h = [0, 1, 3], β = 0.5 by hand", () => {
    // N·β = 1.5, c = 0.5, c·h = [0, 0.5, 1.5].
    // k = 1: λ = 1.5, but c·h₍₂₎ = 0.5 < 1.5, so a second term is positive.
    // k = 2: λ = (1.5 + 0.5·1)/2 = 1, and 0.5 < 1 ≤ c·h₍₃₎ = 1.5 ✓ ⇒ λ* = 1.
    // w = (1 − [0, 0.5, 1.5])₊ / 1.5 = [2/3, 1/3, 0].
    const { weights, lambda } = dataWeights([0, 1, 3], 0.5);
    expect(lambda).toBeCloseTo(1, 15);
    expect(Array.from(weights)).toEqual([expect.closeTo(2 / 3, 15), expect.closeTo(1 / 3, 15), 0]);
  });

  it("λ* on a tie: h = [0, 3, 3], β = 0.5 gives all weight to the first point", () => {
    // k = 1: λ = N·β = 1.5 = c·h₍₂₎ exactly, so the tied points sit at the boundary with zero weight.
    const { weights, lambda } = dataWeights([3, 0, 3], 0.5);
    expect(lambda).toBe(1.5);
    expect(Array.from(weights)).toEqual([0, 1, 0]);
  });

  it("gives 1/N under β = 1 whatever the classifier says", () => {
    const { weights, lambda } = dataWeights([0, 1e-9, 3, 1e12, 7], 1);
    expect(lambda).toBeCloseTo(1, 15);
    for (const w of weights) expect(w).toBeCloseTo(0.2, 15);
  });

  it("zeroes points the mixture already covers (large h)", () => {
    // N·β = 1.5, c = 0.5: λ* = (1.5 + 0.5·0.3)/2 = 0.825 < c·100 ⇒ the third point gets nothing.
    const { weights, lambda } = dataWeights([0.1, 0.2, 100], 0.5);
    expect(lambda).toBeCloseTo(0.825, 15);
    expect(weights[2]).toBe(0);
    expect(weights[0]).toBeGreaterThan(weights[1]);
  });

  it("is a distribution, non-increasing in h and permutation-equivariant (property)", () => {
    const ratio = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 1e-8, max: 10, noNaN: true }));
    const beta = fc.double({ min: 1e-3, max: 1, noNaN: true });
    fc.assert(fc.property(fc.array(ratio, { minLength: 1, maxLength: 60 }), beta, (h, b) => {
      const { weights, lambda } = dataWeights(h, b);
      expect(Math.abs(sum(weights) - 1)).toBeLessThan(1e-12);
      const order = h.map((_, i) => i).sort((i, j) => h[i] - h[j]);
      for (let r = 1; r < order.length; r++) expect(weights[order[r]]).toBeLessThanOrEqual(weights[order[r - 1]]);
      for (const w of weights) expect(w).toBeGreaterThanOrEqual(0);
      // λ* solves Σ(λ − (1−β)hᵢ)₊ = Nβ; relative to the largest term in play, to ~N ulps.
      const c = 1 - b;
      const residual = sum(h.map((x) => Math.max(lambda - c * x, 0))) - h.length * b;
      expect(Math.abs(residual)).toBeLessThan(1e-12 * h.length * Math.max(lambda, h.length * b));
      const reversed = dataWeights([...h].reverse(), b).weights;
      expect(Array.from(reversed).reverse()).toEqual(Array.from(weights));
    }), { numRuns: 300, seed: 17 });
  });

  it("rejects negative, NaN and infinite h, empty h, and β outside (0, 1]", () => {
    expect(() => dataWeights([1, -0.5], 0.5)).toThrow(code("ADAGAN_BAD_RATIO"));
    expect(() => dataWeights([1, Number.NaN], 0.5)).toThrow(code("ADAGAN_BAD_RATIO"));
    expect(() => dataWeights([Number.POSITIVE_INFINITY, 1], 0.5)).toThrow(code("ADAGAN_BAD_RATIO"));
    expect(() => dataWeights([Number.POSITIVE_INFINITY], 0.5)).toThrow(/hFromLogits/);
    expect(() => dataWeights([], 0.5)).toThrow(code("ADAGAN_NO_DATA"));
    for (const beta of [0, -0.1, 1.5, Number.NaN]) expect(() => dataWeights([1, 2], beta)).toThrow(code("ADAGAN_BAD_BETA"));
  });
});

describe("hFromLogits", () => {
  it("is exp(−ℓ) = (1 − σ(ℓ))/σ(ℓ), clamped to ℓ ∈ [−50, 50]", () => {
    const h = hFromLogits([0, 2, -3, 80, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]);
    const sigma = 1 / (1 + Math.exp(-2));
    expect(h[0]).toBe(1);
    expect(h[1]).toBeCloseTo((1 - sigma) / sigma, 15);
    expect(h[2]).toBe(Math.exp(3));
    expect([h[3], h[4], h[5]]).toEqual([Math.exp(-50), Math.exp(50), Math.exp(-50)]);
  });

  it("feeds dataWeights even when the classifier saturates", () => {
    const { weights } = dataWeights(hFromLogits([Number.POSITIVE_INFINITY, 0, -1e30]), 0.5);
    expect(Math.abs(sum(weights) - 1)).toBeLessThan(1e-12);
    expect(weights[2]).toBe(0);
  });

  it("rejects NaN logits", () => {
    expect(() => hFromLogits([0, Number.NaN])).toThrow(code("ADAGAN_BAD_LOGIT"));
  });
});

describe("weightSummary", () => {
  it("gives ln N for uniform weights, ln 2 for two halves, 0 for one point", () => {
    expect(weightSummary(new Float64Array(8).fill(1 / 8))).toEqual({ entropy: expect.closeTo(Math.log(8), 14), zeroShare: 0 });
    expect(weightSummary([0.5, 0, 0.5, 0])).toEqual({ entropy: expect.closeTo(Math.log(2), 15), zeroShare: 0.5 });
    expect(weightSummary([0, 1, 0])).toEqual({ entropy: 0, zeroShare: 2 / 3 });
  });

  it("reports the hand-computed weights of h = [0, 1, 3], β = 0.5", () => {
    // −(2/3)ln(2/3) − (1/3)ln(1/3) = ln 3 − (2/3)ln 2.
    expect(weightSummary(dataWeights([0, 1, 3], 0.5).weights)).toEqual({
      entropy: expect.closeTo(Math.log(3) - (2 / 3) * Math.log(2), 14),
      zeroShare: 1 / 3,
    });
  });

  it("rejects empty, negative and NaN weights", () => {
    expect(() => weightSummary([])).toThrow(code("ADAGAN_NO_DATA"));
    expect(() => weightSummary([0.5, -0.5])).toThrow(code("ADAGAN_BAD_WEIGHTS"));
    expect(() => weightSummary([Number.NaN])).toThrow(code("ADAGAN_BAD_WEIGHTS"));
  });
});

describe("mixtureBeta and mixIn", () => {
  it("paper schedule: 1 for the first generator, then 1/t", () => {
    const paper = { kind: "paper" } as const;
    expect([1, 2, 3, 4, 10].map((t) => mixtureBeta(t, paper))).toEqual([1, 1 / 2, 1 / 3, 1 / 4, 1 / 10]);
  });

  it("paper schedule keeps the mixture uniform and summing to 1 over 30 rounds", () => {
    let alphas: number[] = [];
    for (let t = 1; t <= 30; t++) {
      alphas = mixIn(alphas, mixtureBeta(t, { kind: "paper" }));
      expect(alphas).toHaveLength(t);
      expect(Math.abs(sum(alphas) - 1)).toBeLessThan(1e-12);
      for (const a of alphas) expect(Math.abs(a - 1 / t)).toBeLessThan(1e-14);
    }
  });

  it("constant schedule decays old components geometrically and sums to 1", () => {
    const option = { kind: "constant", value: 0.3 } as const;
    expect(mixtureBeta(1, option)).toBe(1);
    let alphas: number[] = [];
    for (let t = 1; t <= 30; t++) {
      alphas = mixIn(alphas, mixtureBeta(t, option));
      expect(Math.abs(sum(alphas) - 1)).toBeLessThan(1e-12);
    }
    expect(alphas[0]).toBeCloseTo(0.7 ** 29, 15);
    expect(alphas[29]).toBe(0.3);
  });

  it("mixIn scales the old weights by 1 − β and appends β", () => {
    expect(mixIn([0.5, 0.5], 0.2)).toEqual([0.4, 0.4, 0.2]);
    expect(mixIn([], 1)).toEqual([1]);
  });

  it("rejects bad rounds and β outside (0, 1]", () => {
    for (const round of [0, -1, 1.5, Number.NaN]) expect(() => mixtureBeta(round, { kind: "paper" })).toThrow(code("ADAGAN_BAD_ROUND"));
    for (const value of [0, 1.2, Number.NaN]) expect(() => mixtureBeta(2, { kind: "constant", value })).toThrow(code("ADAGAN_BAD_BETA"));
    expect(() => mixIn([1], 0)).toThrow(code("ADAGAN_BAD_BETA"));
  });
});
