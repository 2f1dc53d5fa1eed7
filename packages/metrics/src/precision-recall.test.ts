import { describe, expect, it } from "vitest";
import ref from "./fixtures/metric-reference.json" with { type: "json" };
import { densityCoverage } from "./density-coverage.js";
import { fromRows } from "./feature-matrix.js";
import { precisionRecall } from "./precision-recall.js";

describe("precision/recall and density/coverage", () => {
  const real = fromRows(ref.sets.real);
  const fake = fromRows(ref.sets.fake);

  // Shares of counts: exact equality with the numpy fixture (same float64 distances, same comparisons).
  it("precision and recall (k = 3) match the numpy reference", () => {
    expect(precisionRecall(real, fake, 3)).toEqual({ precision: ref.sets.precision, recall: ref.sets.recall });
  });

  it("density and coverage (k = 5) match prdc", () => {
    const r = densityCoverage(real, fake, 5);
    expect(r.density).toBeCloseTo(ref.sets.density, 12);
    expect(r.coverage).toBe(ref.sets.coverage);
  });

  it("a set against itself has precision = recall = coverage = 1", () => {
    expect(precisionRecall(real, real)).toEqual({ precision: 1, recall: 1 });
    expect(densityCoverage(real, real).coverage).toBe(1);
  });

  it("a far-away set has precision = recall = density = coverage = 0", () => {
    const far = fromRows(ref.sets.fake.map((r) => r.map((v) => v + 100)));
    expect(precisionRecall(real, far)).toEqual({ precision: 0, recall: 0 });
    expect(densityCoverage(real, far)).toEqual({ density: 0, coverage: 0 });
  });

  it("rejects k ≥ N", () => {
    expect(() => precisionRecall(fromRows([[0], [1]]), fromRows([[0], [1]]), 3)).toThrow(/k = 3/);
  });
});
