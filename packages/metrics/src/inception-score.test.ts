import { describe, expect, it } from "vitest";
import ref from "./fixtures/metric-reference.json" with { type: "json" };
import { fromRows } from "./feature-matrix.js";
import { inceptionScore, inceptionScoreFromLogits, softmaxRows } from "./inception-score.js";

describe("inceptionScore", () => {
  // float64 on both sides; 1e-12 relative covers summation-order differences.
  it("matches the reference implementation (numpy fixture, 10 splits)", () => {
    const r = inceptionScoreFromLogits(fromRows(ref.inceptionScore.logits), 10);
    expect(Math.abs(r.mean - ref.inceptionScore.mean) / ref.inceptionScore.mean).toBeLessThan(1e-12);
    expect(Math.abs(r.std - ref.inceptionScore.std) / ref.inceptionScore.std).toBeLessThan(1e-10);
    expect(r.splits).toHaveLength(10);
  });

  it("is the number of classes for confident, evenly spread predictions and 1 for a collapsed generator", () => {
    const eye = Array.from({ length: 40 }, (_, i) => Array.from({ length: 4 }, (_, c) => (c === i % 4 ? 1 : 0)));
    expect(inceptionScore(fromRows(eye), 1).mean).toBeCloseTo(4, 12);
    const same = Array.from({ length: 40 }, () => [0.7, 0.1, 0.1, 0.1]);
    expect(inceptionScore(fromRows(same), 4).mean).toBeCloseTo(1, 12);
  });

  it("from probabilities equals from logits", () => {
    const logits = fromRows(ref.inceptionScore.logits);
    expect(inceptionScore(softmaxRows(logits)).mean).toBeCloseTo(inceptionScoreFromLogits(logits).mean, 12);
  });

  it("rejects non-probabilities and too few samples", () => {
    expect(() => inceptionScore(fromRows([[2, -1]]), 1)).toThrow(/probabilities/);
    expect(() => inceptionScore(fromRows([[1, 0]]), 10)).toThrow(/splits/);
  });
});
