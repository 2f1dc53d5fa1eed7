import { isGantryError, tf, type GantryError } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { grid, gridCentres, orthonormalMap, ring, ringCentres } from "./mixture.js";

const dist = (a: readonly number[], b: readonly number[]) => Math.hypot(...a.map((v, i) => v - b[i]));

describe("mixture geometry", () => {
  it("ring: 8 modes on a circle of radius 2, σ 0.02 by default (Unrolled GAN)", () => {
    const d = ring();
    expect(d.info.sampleShape).toEqual([2]);
    expect(d.info.mixture.std).toBe(0.02);
    expect(d.info.mixture.centres).toHaveLength(8);
    for (const c of d.info.mixture.centres) expect(Math.hypot(...c)).toBeCloseTo(2, 12);
    expect(d.info.mixture.centres[2][0]).toBeCloseTo(0, 12);
    expect(d.info.mixture.centres[2][1]).toBeCloseTo(2, 12);
  });

  it("grid: 25 modes at {−4,−2,0,2,4}², σ 0.05 by default (PacGAN, VEEGAN)", () => {
    const d = grid();
    expect(d.info.mixture.std).toBe(0.05);
    const key = (c: readonly number[]) => c.join(",");
    const expected = [-4, -2, 0, 2, 4].flatMap((a) => [-4, -2, 0, 2, 4].map((b) => key([a, b])));
    expect(d.info.mixture.centres.map(key).sort()).toEqual(expected.sort());
    expect(gridCentres(3, 1)).toContainEqual([-1, 1]);
    expect(ringCentres(4, 1)[1][1]).toBeCloseTo(1, 12);
  });

  it("embeds in d dims with an orthonormal map: columns orthonormal, centre distances preserved", () => {
    const q = orthonormalMap(16, 2, 5);
    for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) {
      const dot = q.reduce((s, row) => s + row[a] * row[b], 0);
      expect(dot).toBeCloseTo(a === b ? 1 : 0, 12);
    }
    const flat = ring();
    const high = ring({ dim: 16, embedSeed: 5 });
    expect(high.info.sampleShape).toEqual([16]);
    const c2 = flat.info.mixture.centres;
    const c16 = high.info.mixture.centres;
    for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) expect(dist(c16[i], c16[j])).toBeCloseTo(dist(c2[i], c2[j]), 12);
    expect(ring({ dim: 16, embedSeed: 6 }).info.mixture.centres[0]).not.toEqual(c16[0]);
  });

  it("rejects bad mixture options", () => {
    expect(() => ring({ std: 0 })).toThrow(expect.objectContaining({ code: "DATA_BAD_OPTIONS" }));
    expect(() => ring({ dim: 1 })).toThrow(expect.objectContaining({ code: "DATA_BAD_OPTIONS" }));
  });
});

const firstBatches = new Map<string, number[]>();

describeBackends("mixture streams", (backend) => {
  it("draws samples around the centres with the stated σ (every mode used)", async () => {
    const d = ring({ dim: 5, embedSeed: 1 });
    const std = d.info.mixture.std;
    const centres = d.info.mixture.centres;
    const s = d.stream({ batchSize: 1000, seed: 11 });
    const counts = new Array(8).fill(0);
    let sq = 0;
    let n = 0;
    await expectNoTensorLeak(async () => {
      for (let b = 0; b < 8; b++) {
        const { value } = await s.next();
        expect(value.x.shape).toEqual([1000, 5]);
        const v = (await value.x.data()) as Float32Array;
        value.x.dispose();
        for (let k = 0; k < 1000; k++) {
          const p = Array.from(v.subarray(5 * k, 5 * k + 5));
          const ds = centres.map((c) => dist(p, c));
          const m = ds.indexOf(Math.min(...ds));
          counts[m]++;
          sq += ds[m] ** 2;
          n += 5;
        }
      }
    });
    // 8000 samples × 5 dims: the pooled variance estimate has relative sd √(2/40000) ≈ 0.7%; allow 3%.
    expect(Math.sqrt(sq / n) / std).toBeGreaterThan(0.97);
    expect(Math.sqrt(sq / n) / std).toBeLessThan(1.03);
    // Each mode ~1000 of 8000 (binomial sd ≈ 30): every one between 850 and 1150.
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150);
  });

  it("is reproducible by seed and resumes from a saved position", async () => {
    const d = grid({ batchSize: 4 });
    const read = async (s: ReturnType<typeof d.stream>) => {
      const { value } = await s.next();
      const v = Array.from((await value.x.data()) as Float32Array);
      value.x.dispose();
      return v;
    };
    const a = d.stream({ seed: 2 });
    const first = await read(a);
    expect(await read(d.stream({ seed: 2 }))).toEqual(first);
    expect(await read(d.stream({ seed: 3 }))).not.toEqual(first);
    const pos = a.position();
    expect(pos.index).toBe(4);
    const second = await read(a);
    expect(await read(d.stream({ seed: 2, position: pos }))).toEqual(second);
    firstBatches.set(backend, first);
  });

  it("a finite size ends a non-repeating stream", async () => {
    let batches = 0;
    for await (const b of ring({ size: 10 }).stream({ batchSize: 4, repeat: false, dropLast: false })) {
      batches++;
      tf.dispose(b.x);
    }
    expect(batches).toBe(3);
  });

  it("a finite mixture is a fixed set of points: each epoch streams the same points, and weights select among them", async () => {
    const d = ring({ size: 8, std: 0.02 });
    const rows = async (s: AsyncIterable<{ x: tf.Tensor }>) => {
      const out: number[][] = [];
      for await (const b of s) {
        const v = Array.from(await b.x.data());
        for (let i = 0; i < v.length; i += 2) out.push([v[i], v[i + 1]]);
        tf.dispose(b.x);
      }
      return out;
    };
    const key = (r: number[]) => r.map((v) => v.toFixed(5)).join(",");
    const epoch1 = (await rows(d.stream({ batchSize: 8, repeat: false, seed: 1 }))).map(key).sort();
    const epoch2 = (await rows(d.stream({ batchSize: 8, repeat: false, seed: 2 }))).map(key).sort();
    expect(epoch1).toHaveLength(8);
    expect(epoch2).toEqual(epoch1);
    expect(Array.from(d.points(8).slice(0, 2))).toEqual((await rows(ring({ size: 8 }).stream({ batchSize: 8, repeat: false, weights: [1, 0, 0, 0, 0, 0, 0, 0] })))[0]);
    // All the weight on points 2 and 5: every drawn point is one of those two, about half each.
    const weights = [0, 0, 1, 0, 0, 1, 0, 0];
    const sample: number[][] = [];
    const stream = d.stream({ batchSize: 8, seed: 4, weights });
    for (let i = 0; i < 50; i++) {
      const b = await stream.next();
      if (b.done) break;
      const v = Array.from(await b.value.x.data());
      for (let j = 0; j < v.length; j += 2) sample.push([v[j], v[j + 1]]);
      tf.dispose(b.value.x);
    }
    expect(sample).toHaveLength(400);
    const counts = new Map<string, number>();
    for (const r of sample) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
    const p = d.points(8);
    expect([...counts.keys()].sort()).toEqual([key([p[4], p[5]]), key([p[10], p[11]])].sort());
    expect(Math.abs((counts.get(key([p[4], p[5]])) ?? 0) / sample.length - 0.5)).toBeLessThan(0.15);
  });

  it("weighted ring and grid streams draw each point in proportion to its weight (within 3 standard errors)", async () => {
    for (const d of [ring({ size: 16, std: 0.02 }), grid({ size: 16, std: 0.05 })]) {
      const weights = Array.from({ length: 16 }, (_, i) => (i % 4 === 0 ? 0 : 1 + (i % 5)));
      const total = weights.reduce((a, b) => a + b, 0);
      const p = d.points(16);
      const index = new Map(Array.from({ length: 16 }, (_, i) => [`${p[2 * i]},${p[2 * i + 1]}`, i]));
      const counts = new Array<number>(16).fill(0);
      // An epoch of a weighted stream is `size` draws, so batches are at most 16 points.
      const stream = d.stream({ batchSize: 16, seed: 11, weights });
      for (let b = 0; b < 625; b++) {
        const r = await stream.next();
        const v = await r.value.x.data();
        for (let j = 0; j < v.length; j += 2) counts[index.get(`${v[j]},${v[j + 1]}`)!]++;
        tf.dispose(r.value.x);
      }
      const n = 10000;
      weights.forEach((w, i) => {
        const q = w / total;
        if (w === 0) expect(counts[i]).toBe(0);
        else expect(Math.abs(counts[i] / n - q)).toBeLessThan(3 * Math.sqrt(q * (1 - q) / n));
      });
    }
  });

  it("a finite mixture reads its points in index order when sequential; an unbounded one refuses", async () => {
    const d = grid({ size: 6 });
    const b = await d.stream({ batchSize: 6, order: "sequential", repeat: false }).next();
    expect(Array.from(await b.value.x.data())).toEqual(Array.from(d.points(6)));
    tf.dispose(b.value.x);
    expect(() => grid().stream({ order: "sequential" })).toThrow(expect.objectContaining({ code: "DATA_NOT_REWEIGHTABLE" }));
  });

  it("an unbounded mixture refuses weights with a clear error instead of ignoring them", () => {
    let err: unknown;
    try { ring().stream({ weights: [1, 2] }); } catch (e) { err = e; }
    expect(isGantryError(err, "DATA_NOT_REWEIGHTABLE")).toBe(true);
    expect((err as Error).message).toMatch(/draws fresh points forever/);
    expect((err as GantryError).hint).toMatch(/give the mixture a size/);
  });
});

describe("mixture streams across backends", () => {
  it("the same seed gives the same samples on every backend", () => {
    const all = [...firstBatches.values()];
    expect(all.length).toBeGreaterThan(0);
    for (const v of all) expect(v).toEqual(all[0]);
  });
});
