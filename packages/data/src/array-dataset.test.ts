import { tf, type Batch, type BatchStream } from "@gantry/core";
import { describeBackends, expectNoTensorLeak, expectNoTensorGrowth } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { ArrayDataset } from "./array-dataset.js";

// 50 tiny "images" [2, 2, 1]: sample i holds pixels 5i % 256 … so a batch's first pixel identifies it.
const N = 50;
const x = Uint8Array.from({ length: N * 4 }, (_, k) => (Math.floor(k / 4) * 5 + (k % 4)) % 256);
const labels = Uint8Array.from({ length: N }, (_, i) => i % 7);
const dataset = () => new ArrayDataset({ name: "tiny", sampleShape: [2, 2, 1], x, labels, numClasses: 7 }, { batchSize: 8 });

/** Takes n batches, returns their sample ids and values, disposing every tensor. */
async function takeBatches(stream: BatchStream, n: number): Promise<{ ids: number[]; x: number[][]; y: number[][] }> {
  const out = { ids: [] as number[], x: [] as number[][], y: [] as number[][] };
  for (let i = 0; i < n; i++) {
    const r = await stream.next();
    if (r.done) break;
    const b: Batch = r.value;
    const values = Array.from(await b.x.data());
    out.x.push(values);
    out.y.push(Array.from(await b.y!.data()));
    for (let k = 0; k < values.length; k += 4) out.ids.push(Math.round(((values[k] + 1) * 127.5) / 5));
    tf.dispose([b.x, b.y!]);
  }
  return out;
}

const orders = new Map<string, number[]>();

describeBackends("ArrayDataset streams", (backend) => {
  it("makes batches of the right shape, values scaled to [−1, 1], labels matching", async () => {
    await expectNoTensorLeak(async () => {
      const s = dataset().stream({ seed: 1 });
      const { value: b } = await s.next();
      expect(b.x.shape).toEqual([8, 2, 2, 1]);
      expect(b.x.dtype).toBe("float32");
      expect(b.y!.dtype).toBe("int32");
      const xs = await b.x.data();
      const ys = await b.y!.data();
      for (let k = 0; k < 8; k++) {
        const id = Math.round(((xs[4 * k] + 1) * 127.5) / 5);
        for (let j = 0; j < 4; j++) expect(xs[4 * k + j]).toBeCloseTo(x[4 * id + j] / 127.5 - 1, 6);
        expect(ys[k]).toBe(labels[id]);
      }
      tf.dispose([b.x, b.y!]);
      await s.return!();
    });
  });

  it("resumes from a saved position: 5 batches, save, 3 more == 3 from a fresh restored stream", async () => {
    await expectNoTensorLeak(async () => {
      const a = dataset().stream({ seed: 42 });
      await takeBatches(a, 5); // crosses the epoch boundary (6 batches of 8 per epoch of 50)
      const saved = JSON.parse(JSON.stringify(a.position()));
      const next3 = await takeBatches(a, 3);
      const b = dataset().stream({ seed: 42, position: saved });
      expect(await takeBatches(b, 3)).toEqual(next3);
      const c = dataset().stream({ seed: 42 });
      await takeBatches(c, 6);
      const acrossEpoch = JSON.parse(JSON.stringify(c.position()));
      const after = await takeBatches(c, 3);
      expect(await takeBatches(dataset().stream({ seed: 42, position: acrossEpoch }), 3)).toEqual(after);
    });
  });

  it("gives the same order for the same seed, a different one for another seed", async () => {
    const one = (await takeBatches(dataset().stream({ seed: 7 }), 12)).ids;
    expect((await takeBatches(dataset().stream({ seed: 7 }), 12)).ids).toEqual(one);
    expect((await takeBatches(dataset().stream({ seed: 8 }), 12)).ids).not.toEqual(one);
    orders.set(backend, one);
  });

  it("reads samples in index order when sequential, and draws by weights when weighted (what every file dataset inherits)", async () => {
    const seq = await takeBatches(dataset().stream({ order: "sequential", repeat: false, dropLast: false, batchSize: 16 }), 4);
    expect(seq.ids).toEqual([...Array(N).keys()]);
    expect(seq.y.flat()).toEqual(Array.from(labels));
    const weights = Array.from({ length: N }, (_, i) => (i === 3 || i === 40 ? 1 : 0));
    const drawn = (await takeBatches(dataset().stream({ weights, seed: 2 }), 6)).ids;
    expect(new Set(drawn)).toEqual(new Set([3, 40]));
  });

  it("ends after one epoch without repeat, and for-await consumes it", async () => {
    await expectNoTensorLeak(async () => {
      const seen: number[] = [];
      for await (const b of dataset().stream({ repeat: false, dropLast: false, batchSize: 16 })) {
        seen.push(b.x.shape[0]);
        tf.dispose([b.x, b.y!]);
      }
      expect(seen).toEqual([16, 16, 16, 2]);
    });
  });

  it("does not grow the tensor count over many steps (consumer disposes)", async () => {
    const s = dataset().stream({ seed: 3 });
    await expectNoTensorGrowth(async () => {
      const { value } = await s.next();
      tf.dispose([value.x, value.y!]);
    }, 20);
  });
});

describe("ArrayDataset across backends", () => {
  it("gives the same batch order for the same seed on every backend", () => {
    const all = [...orders.values()];
    expect(all.length).toBeGreaterThan(0);
    for (const o of all) expect(o).toEqual(all[0]);
  });

  it("rejects labels that do not match the samples, and empty sets", () => {
    expect(() => new ArrayDataset({ name: "t", sampleShape: [4], x: new Uint8Array(8), labels: new Uint8Array(3) })).toThrow(expect.objectContaining({ code: "DATA_COUNT_MISMATCH" }));
    expect(() => new ArrayDataset({ name: "t", sampleShape: [4], x: new Uint8Array(0) })).toThrow(expect.objectContaining({ code: "DATA_EMPTY" }));
  });
});
