import { Rng, isGantryError } from "@gantry/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { featureMatrix, type FeatureMatrix } from "./feature-matrix.js";
import { frechetDistance } from "./frechet-distance.js";
import { decodeMoments, encodeMoments, mergeMoments } from "./moment-shards.js";
import { RunningMoments, type MomentsState } from "./running-moments.js";

const BATCH = 50;

/** `batches` batches of float32 features (as a feature extractor hands them over), correlated, offset. */
function batchesOf(seed: number, batches: number, dim: number, shift: number): FeatureMatrix[] {
  const rng = Rng.seeded(seed);
  return Array.from({ length: batches }, () => {
    const data = new Float32Array(BATCH * dim);
    for (let r = 0; r < BATCH; r++) {
      const common = rng.nextNormal();
      for (let i = 0; i < dim; i++) data[r * dim + i] = 10 + shift * i + (1 + i / dim) * rng.nextNormal() + 0.5 * common;
    }
    return featureMatrix(data, BATCH, dim);
  });
}

const streamed = (batches: readonly FeatureMatrix[]): MomentsState => {
  const m = new RunningMoments(batches[0].dim);
  for (const b of batches) m.update(b);
  return m.state();
};

/** Cuts batch indices [0, n) into shards at the given (sorted, distinct) boundaries. */
const shardsAt = <T>(items: readonly T[], cuts: readonly number[]): T[][] => {
  const bounds = [0, ...cuts, items.length];
  return bounds.slice(1).map((end, i) => items.slice(bounds[i], end));
};

/** What a shard writes to the run store and the merger reads back: JSON text. */
const throughJson = (s: MomentsState): MomentsState => decodeMoments(JSON.parse(JSON.stringify(encodeMoments(s))));

const statisticsOf = (s: MomentsState) => RunningMoments.fromState(s).statistics();

describe("encodeMoments / decodeMoments", () => {
  it("round-trips every float64 bit, including -0, subnormals and extremes", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.double({ noNaN: true }), { minLength: 30, maxLength: 30 }), (dim, values) => {
      const state = { n: 7, dim, mean: Float64Array.from(values.slice(0, dim)), m2: Float64Array.from(values.slice(0, dim * dim)) };
      const back = throughJson(state);
      expect(back.n).toBe(7);
      expect(Buffer.from(back.mean.buffer)).toEqual(Buffer.from(state.mean.buffer));
      expect(Buffer.from(back.m2.buffer)).toEqual(Buffer.from(state.m2.buffer));
    }));
  });

  it("rejects anything else with METRIC_BAD_MOMENTS naming the file", () => {
    const good = encodeMoments(streamed(batchesOf(1, 2, 3, 0)));
    for (const bad of [null, 3, { ...good, format: "x" }, { ...good, dim: 4 }, { ...good, m2: good.mean }, { ...good, n: -1 }]) {
      try {
        decodeMoments(bad, "shard-1.json");
        expect.unreachable();
      } catch (e) {
        expect(isGantryError(e, "METRIC_BAD_MOMENTS")).toBe(true);
        expect((e as Error).message).toMatch(/^shard-1\.json: /);
      }
    }
  });
});

describe("mergeMoments (sharded FID)", () => {
  const gen = batchesOf(2, 40, 8, 0.1);
  const ref = batchesOf(3, 40, 8, 0);
  const unsharded = frechetDistance(statisticsOf(streamed(gen)), statisticsOf(streamed(ref)), { epsilon: 0 });

  // 1e-10 relative is the bar. The two sides differ only in the order of Chan's float64
  // merges (per batch vs. per shard, then across shards): ~1e-15 relative in the moments, which the
  // eigen-decompositions of FID amplify by at most the covariances' condition number; 2e-14 is the
  // worst seen here.
  it("FID over any number of shards, any split, equals one process's to 1e-10 relative", () => {
    expect(unsharded.fid).toBeGreaterThan(0.05);
    const cuts = fc.uniqueArray(fc.integer({ min: 1, max: gen.length - 1 }), { minLength: 1, maxLength: 9 }).map((c) => c.sort((a, b) => a - b));
    fc.assert(fc.property(cuts, (c) => {
      const g = mergeMoments(shardsAt(gen, c).map((s) => throughJson(streamed(s))));
      const r = mergeMoments(shardsAt(ref, c).map((s) => throughJson(streamed(s))));
      expect(g.n).toBe(gen.length * BATCH);
      const sharded = frechetDistance(statisticsOf(g), statisticsOf(r), { epsilon: 0 });
      expect(Math.abs(sharded.fid - unsharded.fid) / unsharded.fid).toBeLessThan(1e-10);
    }), { numRuns: 25 });
  });

  it("one shard is the unsharded state itself, bit for bit", () => {
    const one = mergeMoments([throughJson(streamed(gen))]);
    expect(Buffer.from(one.m2.buffer)).toEqual(Buffer.from(streamed(gen).m2.buffer));
  });

  it("an empty list is METRIC_NO_SHARDS", () => {
    expect(() => mergeMoments([])).toThrow(/no shard statistics/);
  });
});
