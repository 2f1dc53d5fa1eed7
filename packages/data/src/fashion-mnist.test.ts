import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tf } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { fashionMnist, findFashionMnistDir } from "./fashion-mnist.js";

const installed = findFashionMnistDir();
if (!installed) console.warn("Fashion-MNIST not installed (apt-get install dataset-fashion-mnist): skipping the real-data tests");

describe("fashion-mnist", () => {
  it.skipIf(!installed)("reads the real train split: 60 000 × 28 × 28, 10 classes of 6000", () => {
    const d = fashionMnist({ split: "train" });
    expect(d.info.size).toBe(60000);
    expect(d.info.sampleShape).toEqual([28, 28, 1]);
    expect(d.info.numClasses).toBe(10);
    expect(d.source.x).toBeInstanceOf(Uint8Array); // one decoded array, not tensors
    expect(d.source.x.length).toBe(60000 * 784);
    const counts = new Array(10).fill(0);
    for (const y of d.source.labels!) counts[y]++;
    expect(counts).toEqual(new Array(10).fill(6000));
  });

  it.skipIf(!installed)("reads the test split: 10 000 images", () => {
    expect(fashionMnist({ split: "test" }).info.size).toBe(10000);
  });

  it("explains how to install it when the files are absent", () => {
    const empty = mkdtempSync(join(tmpdir(), "gantry-nofm-"));
    expect(() => fashionMnist({ dir: empty })).toThrow(expect.objectContaining({ code: "DATA_NOT_FOUND", hint: expect.stringContaining("apt-get install dataset-fashion-mnist") }));
  });
});

describeBackends("fashion-mnist stream", () => {
  it.skipIf(!installed)("streams [64, 28, 28, 1] batches in [−1, 1]", async () => {
    const d = fashionMnist({ split: "test" });
    await expectNoTensorLeak(async () => {
      const { value } = await d.stream({ seed: 1 }).next();
      expect(value.x.shape).toEqual([64, 28, 28, 1]);
      const v = await value.x.data();
      expect(Math.min(...v)).toBe(-1);
      expect(Math.max(...v)).toBeLessThanOrEqual(1);
      tf.dispose([value.x, value.y!]);
    });
  });
}, { only: ["cpu"] });
