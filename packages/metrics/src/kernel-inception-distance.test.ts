import { Rng } from "@gantry/core";
import { describe, expect, it } from "vitest";
import ref from "./fixtures/metric-reference.json" with { type: "json" };
import { fromRows } from "./feature-matrix.js";
import { kernelInceptionDistance, polynomialMmd2 } from "./kernel-inception-distance.js";

describe("kernel inception distance", () => {
  const x = fromRows(ref.kid.x);
  const y = fromRows(ref.kid.y);

  it("unbiased MMD² matches the reference polynomial_mmd (numpy fixture, 1e-12 relative)", () => {
    expect(Math.abs(polynomialMmd2(x, y) - ref.kid.mmd2) / ref.kid.mmd2).toBeLessThan(1e-12);
  });

  it("subsets as large as the sets (size clamped to N) give the whole-set value with zero spread", () => {
    const x50 = fromRows(ref.kid.x.slice(0, 50));
    const r = kernelInceptionDistance(x50, y, { subsets: 3, subsetSize: 1000, rng: Rng.seeded(1) });
    expect(r.subsetSize).toBe(50);
    const whole = polynomialMmd2(x50, y);
    expect(Math.abs(r.mean - whole) / Math.abs(whole)).toBeLessThan(1e-12);
    expect(r.std).toBeLessThan(1e-12);
  });

  it("is unbiased: ≈ 0 on average for two samples of one distribution", () => {
    const rng = Rng.seeded(3);
    const draw = (n: number) => fromRows(Array.from({ length: n }, () => Array.from({ length: 4 }, () => rng.nextNormal())));
    const r = kernelInceptionDistance(draw(400), draw(400), { subsets: 20, subsetSize: 100, rng });
    expect(Math.abs(r.mean)).toBeLessThan(3 * r.std / Math.sqrt(20) + 1e-3);
  });

  it("is the same for the same rng seed", () => {
    const a = kernelInceptionDistance(x, y, { subsets: 5, subsetSize: 20, rng: Rng.seeded(9) });
    const b = kernelInceptionDistance(x, y, { subsets: 5, subsetSize: 20, rng: Rng.seeded(9) });
    expect(a).toEqual(b);
  });
});
