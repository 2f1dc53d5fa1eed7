import { describe, expect, it } from "vitest";
import { fromRows } from "./feature-matrix.js";
import { highQualityRadius, modeCoverage } from "./mode-coverage.js";

describe("modeCoverage", () => {
  const mixture = { centres: [[0, 0], [10, 0], [0, 10], [10, 10]], std: 1 };

  it("uses r = σ·√(chi2.ppf(0.9973, d)): 3σ in 1-D, √(−2 ln(1 − 0.9973)) σ in 2-D", () => {
    expect(highQualityRadius(2, 1)).toBeCloseTo(6, 9);
    const p3 = 0.9973002039367398;
    expect(highQualityRadius(1, 2)).toBeCloseTo(Math.sqrt(-2 * Math.log(1 - p3)), 9);
  });

  it("counts captured modes, high-quality share and KL to uniform (closed form)", () => {
    // 3 samples near mode 0, 1 near mode 1, 1 far from everything; modes 2 and 3 missed.
    const s = fromRows([[0.1, 0], [0, 0.2], [-0.3, 0.1], [10, 0.5], [5, 5]]);
    const r = modeCoverage(s, mixture);
    expect(r.modesCaptured).toBe(2);
    expect(r.totalModes).toBe(4);
    expect(r.highQuality).toBeCloseTo(4 / 5, 12);
    expect(r.counts).toEqual([3, 1, 0, 0]);
    const kl = 0.75 * Math.log(0.75 * 4) + 0.25 * Math.log(0.25 * 4);
    expect(r.klToUniform).toBeCloseTo(kl, 12);
  });

  it("applies a minimum count, and KL is 0 for a uniform histogram", () => {
    const s = fromRows([[0, 0], [0, 0], [10, 0], [0, 10], [10, 10]]);
    expect(modeCoverage(s, mixture, { minCount: 2 }).modesCaptured).toBe(1);
    const even = fromRows([[0, 0], [10, 0], [0, 10], [10, 10]]);
    expect(modeCoverage(even, mixture).klToUniform).toBeCloseTo(0, 14);
  });

  it("rejects centres of the wrong dimension", () => {
    expect(() => modeCoverage(fromRows([[0, 0, 0]]), mixture)).toThrow(/centres/);
  });
});
