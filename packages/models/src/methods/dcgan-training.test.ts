// The alternating trainer with DCGAN networks on Fashion-MNIST batches ([N, 28, 28, 1] in [−1, 1]) for
// 50 generator steps per backend: the live tensor count must not grow, and the losses stay finite.
// The conditional run (label embedding in G, projection D) trains on the real Fashion-MNIST images and
// labels when Debian's dataset-fashion-mnist is installed. Width 8, batch 8 keep it to seconds.
import { existsSync } from "node:fs";
import { adam, tf } from "@gantry/core";
import { fashionMnist } from "@gantry/data/node";
import { nonSaturating } from "@gantry/losses";
import { describeBackends, expectNoTensorGrowth } from "@gantry/testing";
import { expect, it } from "vitest";
import { dcganDiscriminator } from "../networks/dcgan-discriminator.js";
import { dcganGenerator } from "../networks/dcgan-generator.js";
import { alternating } from "./alternating.js";

const STEPS = 50;
const haveFashionMnist = existsSync("/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz");

describeBackends("DCGAN training with alternating", () => {
  it.skipIf(!haveFashionMnist)(`conditional DCGAN on real Fashion-MNIST labels: ${STEPS} steps without tensor growth`, async () => {
    const trainer = alternating({
      data: fashionMnist({ batchSize: 8 }), seed: 3, dSteps: 1,
      generator: dcganGenerator({ latent: 16, width: 8, numClasses: 10 }),
      discriminator: dcganDiscriminator({ width: 8, norm: "layer", numClasses: 10 }),
      loss: nonSaturating(), gOptimizer: adam({ lr: 2e-4, betas: [0.5, 0.999] }), dOptimizer: adam({ lr: 2e-4, betas: [0.5, 0.999] }),
    });
    const losses: number[] = [];
    await expectNoTensorGrowth(async () => {
      const s = await trainer.step();
      losses.push(s.dLoss, s.gLoss);
    }, STEPS, "conditional DCGAN step");
    expect(trainer.stepCount).toBe(STEPS);
    expect(losses.every(Number.isFinite)).toBe(true);
    const labels = tf.tensor1d([0, 1, 2, 3], "int32");
    const x = trainer.sample(4, 9, labels);
    expect(x.shape).toEqual([4, 28, 28, 1]);
    tf.dispose([x, labels]);
    trainer.dispose();
  });

  it(`unconditional DCGAN (batch norm): ${STEPS} steps without tensor growth`, async () => {
    const data = {
      info: { name: "fmnist-shaped", sampleShape: [28, 28, 1] },
      stream: () => {
        let i = 0;
        const it = {
          async next() { return { done: false as const, value: { x: tf.randomUniform([8, 28, 28, 1], -1, 1, "float32", ++i) } }; },
          async return() { return { done: true as const, value: undefined }; },
          position: () => ({ epoch: 0, index: i, rng: { kind: "xoshiro128**" as const, s: [1, 2, 3, 4] as [number, number, number, number] } }),
          [Symbol.asyncIterator]() { return it; },
        };
        return it;
      },
    };
    const trainer = alternating({
      data, seed: 4, generator: dcganGenerator({ latent: 16, width: 8 }), discriminator: dcganDiscriminator({ width: 8, norm: "batch" }),
      loss: nonSaturating(),
    });
    await expectNoTensorGrowth(async () => {
      const s = await trainer.step();
      expect(Number.isFinite(s.dLoss) && Number.isFinite(s.gLoss)).toBe(true);
    }, STEPS, "DCGAN step");
    trainer.dispose();
  });
});
