// FID with domain-classifier features on real Fashion-MNIST: a set against itself is 0, and FID grows
// monotonically with the std of Gaussian noise added to the images (wasm only: 8 000 forward passes).
import { Rng, tf } from "@gantry/core";
import { RunningMoments, featureMatrix, frechetDistance, type GaussianStatistics } from "@gantry/metrics";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import type { DomainClassifier } from "./domain-classifier.js";
import { domainClassifier } from "./load-domain-classifier.js";
import { haveFashionMnist, imageTensor, readIdx } from "./fashion-mnist.test-support.js";

async function statistics(net: DomainClassifier, pixels: Uint8Array, from: number, to: number, noise: number, seed: number): Promise<GaussianStatistics> {
  const moments = new RunningMoments(net.featureDim);
  for (let i = from; i < to; i += 500) {
    const f = tf.tidy(() => {
      const x = imageTensor(pixels, i, Math.min(i + 500, to));
      const noisy = noise > 0 ? tf.clipByValue(tf.add(x, tf.randomNormal(x.shape, 0, noise, "float32", seed + i)), -1, 1) : x;
      return net.features(noisy);
    });
    moments.update(featureMatrix((await f.data()) as Float32Array, f.shape[0], f.shape[1]));
    f.dispose();
  }
  return moments.statistics();
}

describeBackends("FID on domain-classifier features", () => {
  it.skipIf(!haveFashionMnist)("is 0 for a set against itself and grows monotonically with added noise", async () => {
    const train = readIdx("train-images-idx3-ubyte.gz").data;
    const test = readIdx("t10k-images-idx3-ubyte.gz").data;
    const net = domainClassifier();
    await expectNoTensorLeak(async () => {
      const reference = await statistics(net, train, 0, 3000, 0, 0);
      let trace = 0;
      for (let i = 0; i < reference.dim; i++) trace += reference.cov[i * reference.dim + i];
      expect(Math.abs(frechetDistance(reference, reference).fid) / trace).toBeLessThan(1e-8);
      const fids: number[] = [];
      for (const std of [0, 0.1, 0.2, 0.4, 0.8]) fids.push(frechetDistance(await statistics(net, test, 0, 1000, std, Rng.seeded(1).nextSeed()), reference).fid);
      for (let i = 1; i < fids.length; i++) expect(fids[i]).toBeGreaterThan(fids[i - 1]);
      console.log(`FID (domain-classifier, N = 1000 test vs 3000 train) by noise std 0, 0.1, 0.2, 0.4, 0.8: ${fids.map((f) => f.toFixed(2)).join(", ")}`);
    });
    net.dispose();
  });
}, { only: ["wasm"] });
