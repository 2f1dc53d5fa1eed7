import { tf } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DomainClassifier } from "./domain-classifier.js";
import { domainClassifier } from "./load-domain-classifier.js";
import { haveFashionMnist, imageTensor, readIdx } from "./fashion-mnist.test-support.js";
import fixture from "./fixtures/domain-classifier-logits.json" with { type: "json" };
import { domainClassifierEntry } from "./load-domain-classifier.js";
import { domainClassifierWeightsPath } from "./weights-file.js";

const maxAbsDiff = (t: tf.Tensor, ref: number[][]): number => {
  const got = t.arraySync() as number[][];
  return Math.max(...got.flatMap((r, i) => r.map((v, j) => Math.abs(v - ref[i][j]))));
};

describeBackends("domain-classifier", () => {
  let net: DomainClassifier;
  beforeAll(() => {
    net = domainClassifier();
  });
  afterAll(() => net.dispose());

  it("finds its committed weights next to the package", () => {
    expect(domainClassifierWeightsPath()).toMatch(/packages\/models\/weights\/domain-classifier\.safetensors$/);
  });

  // PyTorch float32 vs TF.js float32 with different summation orders: ~1e-6 relative on logits of
  // magnitude ≤ ~20, so 1e-4 absolute (the bar) leaves a wide margin.
  it("logits and features equal PyTorch's on the committed fixture batch (1e-4)", async () => {
    const x = tf.tensor4d(Float32Array.from(fixture.images.flat() as number[], (v) => v / 127.5 - 1), [fixture.images.length, 28, 28, 1]);
    await expectNoTensorLeak(() => {
      const logits = net.logits(x);
      const features = net.features(x);
      expect(logits.shape).toEqual([16, 10]);
      expect(features.shape).toEqual([16, 128]);
      expect(maxAbsDiff(logits, fixture.logits)).toBeLessThan(1e-4);
      expect(maxAbsDiff(features, fixture.features)).toBeLessThan(1e-4);
      tf.dispose([logits, features]);
    });
    x.dispose();
  });

  it("accepts RGB and other sizes (grey mean, bilinear resize)", async () => {
    await expectNoTensorLeak(() => {
      const x = tf.zeros([2, 32, 32, 3]);
      const f = net.features(x);
      expect(f.shape).toEqual([2, 128]);
      tf.dispose([x, f]);
    });
  });
});

describeBackends("domain-classifier on the Fashion-MNIST test set", () => {
  it.skipIf(!haveFashionMnist)("classifies ≥ 88% of the 10 000 test images correctly", async () => {
    const images = readIdx("t10k-images-idx3-ubyte.gz").data;
    const labels = readIdx("t10k-labels-idx1-ubyte.gz").data;
    const net = domainClassifier();
    let correct = 0;
    await expectNoTensorLeak(async () => {
      for (let i = 0; i < 10_000; i += 500) {
        const pred = tf.tidy(() => tf.argMax(net.logits(imageTensor(images, i, i + 500)), 1));
        const p = (await pred.data()) as Int32Array;
        pred.dispose();
        p.forEach((c, k) => (correct += c === labels[i + k] ? 1 : 0));
      }
    });
    net.dispose();
    expect(correct / 10_000).toBeGreaterThanOrEqual(fixture.testAccuracy - 0.002);
    expect(correct / 10_000).toBeGreaterThanOrEqual(0.88);
  });
}, { only: ["wasm"] });

it("is provided as featureExtractor/domain-classifier", () => {
  expect(domainClassifierEntry.kind).toBe("featureExtractor");
  expect(domainClassifierEntry.name).toBe("domain-classifier");
});
