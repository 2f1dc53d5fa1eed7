import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { tf } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { cifar10, readCifar10 } from "./cifar10.js";
import { encodeIdx } from "./idx.js";
import { idxDataset } from "./idx-dataset.js";
import { encodeNpy } from "./npy.js";
import { npyDataset } from "./npy-dataset.js";

const tmp = mkdtempSync(join(tmpdir(), "gantry-files-"));
const put = (name: string, bytes: Uint8Array) => {
  const p = join(tmp, name);
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, bytes);
  return p;
};

// IDX: 6 images 3×2, labels 0..5 % 3.
const idxPixels = Uint8Array.from({ length: 36 }, (_, i) => i * 7);
const idxImages = put("idx/images-idx3-ubyte.gz", gzipSync(encodeIdx({ dtype: "uint8", shape: [6, 3, 2], data: idxPixels })));
const idxLabels = put("idx/labels-idx1-ubyte", encodeIdx({ dtype: "uint8", shape: [6], data: Uint8Array.from([0, 1, 2, 0, 1, 2]) }));
const idxLabels5 = put("idx/labels5", encodeIdx({ dtype: "uint8", shape: [5], data: new Uint8Array(5) }));
const idxLabels2d = put("idx/labels2d", encodeIdx({ dtype: "uint8", shape: [6, 1], data: new Uint8Array(6) }));
const idxFloat = put("idx/float", encodeIdx({ dtype: "float32", shape: [1, 2, 2], data: new Float32Array(4) }));
const idx1d = put("idx/flat", encodeIdx({ dtype: "uint8", shape: [4], data: new Uint8Array(4) }));

// CIFAR-10: record r has label r % 10, channel c of pixel p holds (r + 3c + p) % 256.
function cifarRecords(from: number, n: number): Uint8Array {
  const out = new Uint8Array(n * 3073);
  for (let r = 0; r < n; r++) {
    out[r * 3073] = (from + r) % 10;
    for (let c = 0; c < 3; c++) for (let p = 0; p < 1024; p++) out[r * 3073 + 1 + c * 1024 + p] = (from + r + 3 * c + p) % 256;
  }
  return out;
}
put("cifar/cifar-10-batches-bin/data_batch_1.bin", cifarRecords(0, 3));
put("cifar/cifar-10-batches-bin/data_batch_2.bin", cifarRecords(3, 2));
put("cifar/cifar-10-batches-bin/test_batch.bin", cifarRecords(100, 2));
const cifarCut = put("cifar-bad/data_batch_1.bin", cifarRecords(0, 2).subarray(0, 5000));
const cifarBadLabel = put("cifar-bad/label.bin", Uint8Array.from([42, ...new Uint8Array(3072)]));

describe("IDX dataset", () => {
  it("reads gzip images with plain labels exactly, as [H, W, 1] samples", () => {
    const d = idxDataset({ images: idxImages, labels: idxLabels });
    expect(d.info.sampleShape).toEqual([3, 2, 1]);
    expect(d.info.size).toBe(6);
    expect(d.info.numClasses).toBe(3);
    expect(d.source.x).toEqual(idxPixels);
  });

  it.each([
    ["a label count mismatch", { labels: idxLabels5 }, "DATA_COUNT_MISMATCH", idxLabels5],
    ["labels of the wrong rank", { labels: idxLabels2d }, "DATA_BAD_SHAPE", idxLabels2d],
    ["float images", { images: idxFloat }, "DATA_UNSUPPORTED_DTYPE", idxFloat],
    ["images without H, W", { images: idx1d }, "DATA_BAD_SHAPE", idx1d],
  ])("rejects %s, naming the file", (_n, patch, code, file) => {
    expect(() => idxDataset({ images: idxImages, labels: idxLabels, ...patch })).toThrow(expect.objectContaining({ code, where: expect.objectContaining({ file }) }));
  });
});

describe("CIFAR-10 binary", () => {
  it("reads records across batch files, CHW → HWC, with labels", () => {
    const d = cifar10({ dir: join(tmp, "cifar") });
    expect(d.info.sampleShape).toEqual([32, 32, 3]);
    expect(d.info.size).toBe(5);
    expect(Array.from(d.source.labels!)).toEqual([0, 1, 2, 3, 4]);
    for (const [r, p, c] of [[0, 0, 0], [2, 5, 1], [4, 1023, 2], [3, 100, 0]]) {
      expect(d.source.x[r * 3072 + 3 * p + c]).toBe((r + 3 * c + p) % 256);
    }
    const test = cifar10({ dir: join(tmp, "cifar/cifar-10-batches-bin"), split: "test" });
    expect(Array.from(test.source.labels!)).toEqual([0, 1]);
    expect(test.source.x[0]).toBe(100);
  });

  it("rejects truncated files and bad labels, naming the file; missing folders say what to extract", () => {
    expect(() => readCifar10([cifarCut])).toThrow(expect.objectContaining({ code: "DATA_TRUNCATED", where: { file: cifarCut } }));
    expect(() => readCifar10([cifarBadLabel])).toThrow(expect.objectContaining({ code: "DATA_BAD_LABEL", where: { file: cifarBadLabel } }));
    expect(() => cifar10({ dir: join(tmp, "idx") })).toThrow(/data_batch_\*\.bin/);
  });
});

describe("NPY dataset", () => {
  it("scales uint8 samples, keeps float samples, pairs int32 labels; rejects mismatches", () => {
    const x8 = put("npy/x8.npy", encodeNpy({ dtype: "uint8", shape: [3, 2], data: Uint8Array.from([0, 255, 1, 2, 3, 4]) }));
    const xf = put("npy/xf.npy", encodeNpy({ dtype: "float64", shape: [3, 1, 2], data: Float64Array.from([0.5, -3, 1, 2, 3, 4]) }));
    const y = put("npy/y.npy", encodeNpy({ dtype: "int32", shape: [3], data: Int32Array.from([4, 0, 1]) }));
    const y2 = put("npy/y2.npy", encodeNpy({ dtype: "int32", shape: [2], data: Int32Array.from([4, 0]) }));
    const d8 = npyDataset({ path: x8, labels: y });
    expect(d8.info).toMatchObject({ sampleShape: [2], size: 3, numClasses: 5, range: [-1, 1] });
    const df = npyDataset({ path: xf });
    expect(df.info.sampleShape).toEqual([1, 2]);
    expect(Array.from(df.source.x)).toEqual([0.5, -3, 1, 2, 3, 4]);
    expect(df.info.range).toBeUndefined();
    expect(() => npyDataset({ path: x8, labels: y2 })).toThrow(expect.objectContaining({ code: "DATA_COUNT_MISMATCH", where: { file: y2 } }));
  });
});

describeBackends("file datasets stream", () => {
  it("IDX batches hold the file's pixels scaled to [−1, 1] and its labels", async () => {
    const d = idxDataset({ images: idxImages, labels: idxLabels, batchSize: 6 });
    await expectNoTensorLeak(async () => {
      const { value } = await d.stream({ seed: 0 }).next();
      const xs = await value.x.data();
      const ys = await value.y!.data();
      for (let k = 0; k < 6; k++) {
        const id = Math.round(((xs[6 * k] + 1) * 127.5) / 42); // first pixel of image i is 42 i
        expect(ys[k]).toBe(id % 3);
        for (let j = 0; j < 6; j++) expect(xs[6 * k + j]).toBeCloseTo(idxPixels[6 * id + j] / 127.5 - 1, 6);
      }
      tf.dispose([value.x, value.y!]);
    });
  });
});
