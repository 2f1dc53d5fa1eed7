// Cost of each regularizer: one `alternating` step (D then G) with it, relative to the same step with
// none, measured in the same run on wasm: the MLP ring GAN and the DCGAN-28 (width 64, no norm in D —
// batch norm would couple the samples of a gradient penalty). Times are medians of single steps after
// warm-up; the ratio column is the regularizer's step ÷ the plain step.
// Run: npx tsx benchmarks/regularizers.ts [--steps 30] [--conv-steps 6]
import { useBackend, type Method, type Regularizer, type AdversarialLoss } from "@gantry/core";
import { wasm } from "../packages/backend-wasm/src/node.ts";
import { medianStepMs } from "./median-step.ts";
import { ArrayDataset, ring } from "../packages/data/src/index.ts";
import { nonSaturating, wasserstein } from "../packages/losses/src/index.ts";
import { alternating, dcganDiscriminator, dcganGenerator, mlp } from "../packages/models/src/index.ts";
import {
  gradientPenalty, instanceNoise, r1, r2, roth, spectralNorm, weightClipping,
} from "../packages/regularizers/src/index.ts";

const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const steps = arg("--steps", 30);
const convSteps = arg("--conv-steps", 6);

const regularizers: readonly [string, () => Regularizer[], () => AdversarialLoss][] = [
  ["none", () => [], nonSaturating],
  ["instance-noise", () => [instanceNoise({ std: 0.1 })], nonSaturating],
  ["roth", () => [roth({ gamma: 2 })], nonSaturating],
  ["r1", () => [r1()], nonSaturating],
  ["r2", () => [r2()], nonSaturating],
  ["none (critic)", () => [], wasserstein],
  ["weight-clipping", () => [weightClipping()], wasserstein],
  ["gradient-penalty", () => [gradientPenalty()], wasserstein],
  ["spectral-norm", () => [spectralNorm()], wasserstein],
];

interface Model { readonly name: string; readonly steps: number; readonly warmup: number; build(regs: Regularizer[], loss: AdversarialLoss): Method }

/** 640 random 28×28×1 images in [−1, 1]: step time does not depend on what the pixels are. */
function randomImages() {
  const n = 640;
  const x = new Float32Array(n * 28 * 28);
  let s = 1;
  for (let i = 0; i < x.length; i++) { s = (s * 16807) % 2147483647; x[i] = (s / 2147483647) * 2 - 1; }
  return new ArrayDataset({ name: "random-28", sampleShape: [28, 28, 1], x }, { batchSize: 64 });
}

const models: readonly Model[] = [{
  name: "MLP ring (G 16-128-128-2, D 2-128-128-1, batch 256)", steps, warmup: 5,
  build: (regs, loss) => alternating({
    data: ring({ batchSize: 256 }), seed: 0, steps: 10_000, regularizers: regs, loss,
    generator: mlp({ input: 16, hidden: [128, 128], output: 2 }),
    discriminator: mlp({ input: 2, hidden: [128, 128], output: 1, activation: "leakyRelu" }),
  }),
}, {
  name: "DCGAN-28 (width 64, D without norm, batch 64)", steps: convSteps, warmup: 2,
  build: (regs, loss) => alternating({
    data: randomImages(), seed: 0, steps: 10_000, regularizers: regs, loss,
    generator: dcganGenerator({ latent: 100, image: [28, 28, 1], width: 64 }),
    discriminator: dcganDiscriminator({ image: [28, 28, 1], width: 64, norm: "none" }),
  }),
}];


await useBackend(wasm, { log: () => {} });
for (const m of models) {
  console.log(`\n${m.name}, wasm, median of ${m.steps} steps\n`);
  console.log("| regularizer | loss | ms/step | ÷ none |\n|---|---|---:|---:|");
  // Warm the backend's kernels and caches on this model before timing anything.
  const warm = m.build([], nonSaturating());
  await medianStepMs(warm, 1, m.warmup * 2);
  warm.dispose();
  let base = NaN;
  for (const [name, regs, loss] of regularizers) {
    const l = loss();
    const trainer = m.build(regs(), l);
    const ms = await medianStepMs(trainer, m.steps, m.warmup);
    trainer.dispose();
    if (name === "none") base = ms;
    console.log(`| ${name} | ${l.output === "critic" ? "wasserstein" : "non-saturating"} | ${ms.toFixed(1)} | ${(ms / base).toFixed(2)}× |`);
  }
}
