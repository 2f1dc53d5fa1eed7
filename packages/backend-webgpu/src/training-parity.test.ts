// Training parity: a few `alternating` steps of an MLP ring GAN (with EMA) and of a tiny conditional
// DCGAN (batch norm, label sampling) on webgpu give the same step stats as on cpu from the same seed.
// dLoss and gLoss within 1e-3 relative (the bar); float32 kernels that sum in another order
// differ by ~1e-6 relative per op, and three Adam steps amplify that far less than 1e-3.
import { Rng, adam, type StepStats } from "@gantry/core";
import { ArrayDataset, ring } from "@gantry/data";
import { nonSaturating } from "@gantry/losses";
import { alternating, dcganDiscriminator, dcganGenerator, mlp, type AlternatingTrainer } from "@gantry/models";
import { expect, it } from "vitest";
import { expectClose, withBackend } from "./parity.test-support.js";
import { describeWebgpu } from "./webgpu-availability.test-support.js";

const RTOL = 1e-3;

interface Run {
  readonly stats: StepStats[];
  readonly samples: Float32Array;
}

/** `steps` trainer steps, then 8 samples (EMA weights when enabled), all read asynchronously. */
async function train(make: () => AlternatingTrainer, steps: number): Promise<Run> {
  const trainer = make();
  try {
    const stats: StepStats[] = [];
    for (let i = 0; i < steps; i++) stats.push(await trainer.step());
    const x = trainer.sample(8, 7);
    const samples = (await x.data()) as Float32Array;
    x.dispose();
    return { stats, samples };
  } finally {
    trainer.dispose();
  }
}

async function expectTrainingParity(make: () => AlternatingTrainer, steps: number, label: string): Promise<void> {
  const cpu = await withBackend("cpu", () => train(make, steps), `${label} on cpu`);
  const gpu = await withBackend("webgpu", () => train(make, steps), `${label} on webgpu`);
  cpu.stats.forEach((want, i) => {
    const got = gpu.stats[i];
    for (const key of ["dLoss", "gLoss"] as const) {
      const [g, w] = [got[key] as number, want[key] as number];
      expect(Number.isFinite(w), `${label} step ${i} ${key} finite on cpu`).toBe(true);
      expect(Math.abs(g - w), `${label} step ${i} ${key}: webgpu ${g} vs cpu ${w}`).toBeLessThanOrEqual(RTOL * Math.abs(w));
    }
  });
  expectClose(gpu.samples, cpu.samples, RTOL, `${label} samples`);
}

const ringGan = () => alternating({
  data: ring({ std: 0.02 }), batchSize: 32, seed: 3, ema: { decay: 0.9 },
  generator: mlp({ input: 2, hidden: [16, 16], output: 2, activation: "leakyRelu" }),
  discriminator: mlp({ input: 2, hidden: [16, 16], output: 1, activation: "leakyRelu" }),
  loss: nonSaturating(),
  gOptimizer: adam({ lr: 2e-3, betas: [0.5, 0.999] }),
  dOptimizer: adam({ lr: 2e-3, betas: [0.5, 0.999] }),
});

/** 16 random 16×16 "images" in [−1, 1) with labels of 10 classes (the shapes matter, not the content). */
function tinyImages(): ArrayDataset {
  const rng = Rng.seeded(11);
  const n = 16;
  return new ArrayDataset({
    name: "tiny-images", sampleShape: [16, 16, 1], numClasses: 10,
    x: Float32Array.from({ length: n * 16 * 16 }, () => 2 * rng.nextFloat() - 1),
    labels: Int32Array.from({ length: n }, () => rng.nextInt(10)),
  });
}

const dcgan = () => alternating({
  data: tinyImages(), batchSize: 4, seed: 5,
  generator: dcganGenerator({ latent: 16, image: [16, 16, 1], width: 8, numClasses: 10, embedDim: 8 }),
  discriminator: dcganDiscriminator({ image: [16, 16, 1], width: 8, norm: "batch", numClasses: 10 }),
  loss: nonSaturating(),
});

await describeWebgpu("training parity with cpu", () => {
  it("MLP ring GAN (EMA): 3 steps give the same dLoss/gLoss and samples as cpu", () => expectTrainingParity(ringGan, 3, "ring GAN"));
  it("conditional DCGAN (width 8, batch 4, batch norm): 2 steps give the same dLoss/gLoss and samples as cpu", () =>
    expectTrainingParity(dcgan, 2, "DCGAN"));
});
