// frechetDistance's εI fallback: a LinearAlgebra that wraps the JavaScript one makes chosen
// eigendecompositions return NaN eigenvalues, the way a failed exact square root shows up (finite inputs
// that make the exact route fail and the ε route succeed are not known to exist for the symmetric route;
// overflow fails both, and frechet-distance.test.ts covers that).
import type { LinearAlgebra } from "@gantry/core";
import { gantryErrorOf } from "@gantry/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { fixtureGaussian } from "./fixture-gaussians.test-support.js";
import reference from "./fixtures/fid-reference.json" with { type: "json" };
import { frechetDistance } from "./frechet-distance.js";
import { jsLinearAlgebra } from "./js-linear-algebra.js";
import type { GaussianStatistics } from "./running-moments.js";

/** One entry per eigendecomposition from now on: true = its eigenvalues come out NaN. */
const plan = { fail: [] as boolean[], calls: 0 };

const failing: LinearAlgebra = {
  name: "failing",
  matMul: jsLinearAlgebra.matMul,
  symmetricEigen(a, n) {
    const e = jsLinearAlgebra.symmetricEigen(a, n);
    plan.calls++;
    return plan.fail.shift() ? { values: e.values.map(() => NaN), vectors: e.vectors } : e;
  },
  symmetricEigenvalues(a, n) {
    return failing.symmetricEigen(a, n).values;
  },
};

beforeEach(() => {
  plan.fail = [];
  plan.calls = 0;
});

const fid = (x: GaussianStatistics, y: GaussianStatistics, options: Parameters<typeof frechetDistance>[2] = {}) =>
  frechetDistance(x, y, { ...options, linearAlgebra: failing });

const singular = reference.cases.find((c) => c.name === "singular-64")!;
const side = (s: typeof singular.side1): GaussianStatistics => fixtureGaussian(s.seed, singular.d, s.k, s.scale);

describe("frechetDistance's ε fallback", () => {
  it("is not taken when the exact route succeeds (two decompositions, ε = 0)", () => {
    const r = fid(side(singular.side1), side(singular.side2));
    expect(plan.calls).toBe(2);
    expect(r.epsilon).toBe(0);
    expect(Math.abs(r.fid - singular.fidExact) / singular.fidExact).toBeLessThan(1e-6);
  });

  // The retried route is pytorch-fid's εI one, so it must match scipy.linalg.sqrtm of (Σ₁ + εI)(Σ₂ + εI)
  // (fid-reference.json's fidSqrtm for this case, ε = 1e-6) to the same 1e-6 relative as the exact route.
  for (const [where, fail] of [["Σ₁", [true]], ["Σ₁^½Σ₂Σ₁^½", [false, true]]] as const) {
    it(`retries with εI when the eigenvalues of ${where} come out non-finite, and says so`, () => {
      plan.fail = [...fail];
      const warnings: string[] = [];
      const r = fid(side(singular.side1), side(singular.side2), { onWarning: (w) => warnings.push(w) });
      expect(plan.calls).toBe(fail.length + 2);
      expect(r.epsilon).toBe(singular.epsilon);
      expect(Math.abs(r.fid - singular.fidSqrtm) / singular.fidSqrtm).toBeLessThan(1e-6);
      expect(r.warnings).toEqual(warnings);
      const retried = r.warnings.filter((w) => w.includes("retried with 0.000001·I"));
      expect(retried).toHaveLength(1);
      expect(retried[0]).toContain(where);
    });
  }

  it("uses the ε it is given, and epsilon: 0 turns the fallback into an error naming the fix", () => {
    plan.fail = [true];
    expect(fid(side(singular.side1), side(singular.side2), { epsilon: 1e-3 }).epsilon).toBe(1e-3);
    plan.fail = [true];
    const e = gantryErrorOf(() => fid(side(singular.side1), side(singular.side2), { epsilon: 0 }));
    expect(e.code).toBe("FID_SQRTM_FAILED");
    expect(e.hint).toMatch(/epsilon > 0/);
  });

  it("throws FID_SQRTM_FAILED when the fallback fails too", () => {
    plan.fail = [true, true];
    const e = gantryErrorOf(() => fid(side(singular.side1), side(singular.side2)));
    expect(e.code).toBe("FID_SQRTM_FAILED");
    expect(e.message).toContain("also with 0.000001·I added");
  });
});
