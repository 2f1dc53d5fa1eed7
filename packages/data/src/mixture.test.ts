import { tf } from "@gantry/core";
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
});

describe("mixture streams across backends", () => {
  it("the same seed gives the same samples on every backend", () => {
    const all = [...firstBatches.values()];
    expect(all.length).toBeGreaterThan(0);
    for (const v of all) expect(v).toEqual(all[0]);
  });
});
