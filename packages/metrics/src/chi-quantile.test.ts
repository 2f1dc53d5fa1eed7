import { describe, expect, it } from "vitest";
import ref from "./fixtures/metric-reference.json" with { type: "json" };
import { chiSquareQuantile, gaussianMassWithin } from "./chi-quantile.js";

describe("chiSquareQuantile", () => {
  // scipy.stats.chi2.ppf is accurate to ~1e-14; bisection stops at 1e-15 relative, the gamma series at 1e-17.
  for (const c of ref.chiSquare) {
    it(`matches scipy chi2.ppf(erf(${c.sigmas}/√2), ${c.dof})`, () => {
      expect(Math.abs(chiSquareQuantile(gaussianMassWithin(c.sigmas), c.dof) - c.quantile) / c.quantile).toBeLessThan(1e-9);
    });
  }

  it("gives 3σ in 1-D and erf(3/√2) = 0.99730020393674 (closed form)", () => {
    expect(gaussianMassWithin(3)).toBeCloseTo(0.99730020393674, 13);
    expect(Math.sqrt(chiSquareQuantile(gaussianMassWithin(3), 1))).toBeCloseTo(3, 10);
    // 2 dof: chi2.ppf(p, 2) = −2 ln(1 − p).
    expect(chiSquareQuantile(0.9, 2)).toBeCloseTo(-2 * Math.log(0.1), 10);
  });
});
