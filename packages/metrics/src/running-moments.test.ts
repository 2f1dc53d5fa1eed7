import { Rng } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { featureMatrix, type FeatureMatrix } from "./feature-matrix.js";
import { RunningMoments, gaussianStatistics } from "./running-moments.js";

function randomFeatures(seed: number, rows: number, dim: number, offset = 100): FeatureMatrix {
  const rng = Rng.seeded(seed);
  // A large common offset makes naive Σx² − n·μ² formulas lose digits; Welford/Chan must not.
  const data = new Float64Array(rows * dim).map((_, i) => offset + rng.nextNormal() * (1 + (i % dim)));
  return featureMatrix(data, rows, dim);
}

function slice(m: FeatureMatrix, from: number, to: number): FeatureMatrix {
  return featureMatrix(m.data.slice(from * m.dim, to * m.dim), to - from, m.dim);
}

/** Two-pass float64 reference: mean, then Σ(x − μ)(x − μ)ᵀ / (n − 1) (np.cov). */
function reference(m: FeatureMatrix): { mean: number[]; cov: number[] } {
  const { rows, dim, data } = m;
  const mean = Array.from({ length: dim }, (_, i) => {
    let s = 0;
    for (let r = 0; r < rows; r++) s += data[r * dim + i];
    return s / rows;
  });
  const cov: number[] = [];
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += (data[r * dim + i] - mean[i]) * (data[r * dim + j] - mean[j]);
      cov.push(s / (rows - 1));
    }
  }
  return { mean, cov };
}

const maxRelDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]));
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
  }
  return diff / scale;
};

describe("RunningMoments", () => {
  const all = randomFeatures(1, 1000, 12);

  it("one pass matches the two-pass float64 reference (1e-12 relative)", () => {
    const s = gaussianStatistics(all);
    const ref = reference(all);
    expect(maxRelDiff(s.mean, ref.mean)).toBeLessThan(1e-12);
    expect(maxRelDiff(s.cov, ref.cov)).toBeLessThan(1e-12);
    expect(s.n).toBe(1000);
  });

  it("streaming uneven batches equals one pass (1e-10 relative)", () => {
    const one = gaussianStatistics(all);
    const stream = new RunningMoments(12);
    for (const [a, b] of [[0, 1], [1, 64], [64, 100], [100, 537], [537, 1000]]) stream.update(slice(all, a, b));
    const s = stream.statistics();
    expect(maxRelDiff(s.mean, one.mean)).toBeLessThan(1e-10);
    expect(maxRelDiff(s.cov, one.cov)).toBeLessThan(1e-10);
  });

  it("merging states (in any order) equals one pass (1e-10 relative)", () => {
    const one = gaussianStatistics(all);
    const left = new RunningMoments(12).update(slice(all, 0, 300)).state();
    const right = new RunningMoments(12).update(slice(all, 300, 700)).update(slice(all, 700, 1000));
    const merged = RunningMoments.fromState(right.state()).merge(left).statistics();
    expect(merged.n).toBe(1000);
    expect(maxRelDiff(merged.cov, one.cov)).toBeLessThan(1e-10);
    expect(maxRelDiff(merged.mean, one.mean)).toBeLessThan(1e-10);
  });

  it("rejects a dim mismatch and too few samples", () => {
    expect(() => new RunningMoments(3).update(all)).toThrow(/same feature extractor/);
    expect(() => new RunningMoments(12).update(slice(all, 0, 1)).statistics()).toThrow(/at least 2/);
  });
});
