// The four Gantry trainers that benchmarks/speed times, one `alternating` full step each (one D update,
// one G update), built the way torch_worker.py builds the same networks. Image data is random uint8
// noise of Fashion-MNIST's shape (28×28×1), so the benchmark needs no dataset and times no decoding.
import { adam, type Method } from "@gantry/core";
import { ArrayDataset, ring } from "../../packages/data/src/index.ts";
import { nonSaturating, wasserstein } from "../../packages/losses/src/index.ts";
import { alternating, dcganDiscriminator, dcganGenerator, mlp } from "../../packages/models/src/index.ts";
import { gradientPenalty } from "../../packages/regularizers/src/index.ts";
import { unrolled } from "../../packages/unrolled-optimizer/src/index.ts";
import type { ModelId } from "./protocol.ts";

/** 1 024 uniform random 28×28×1 images (uint8 → [−1, 1]); batches are drawn from them. */
function noiseImages(batchSize: number): ArrayDataset {
  const x = new Uint8Array(1024 * 28 * 28);
  let s = 2463534242;
  for (let i = 0; i < x.length; i++) {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    x[i] = (s >>> 0) & 255;
  }
  return new ArrayDataset({ name: "noise-28x28x1", sampleShape: [28, 28, 1], x }, { batchSize });
}

const ringData = () => ring({ modes: 8, radius: 2, std: 0.02 });

export const builders: Readonly<Record<ModelId, () => Method>> = {
  // Radford et al. 2015's DCGAN at Fashion-MNIST size; Adam(2e-4, β (0.5, 0.999)) by default.
  dcgan: () => alternating({
    data: noiseImages(64), batchSize: 64, seed: 0,
    generator: dcganGenerator({ latent: 100, image: [28, 28, 1], width: 64 }),
    discriminator: dcganDiscriminator({ image: [28, 28, 1], width: 64 }),
    loss: nonSaturating(),
  }),
  "mlp-ring": () => alternating({
    data: ringData(), batchSize: 512, seed: 0,
    generator: mlp({ input: 256, hidden: [128, 128], output: 2 }),
    discriminator: mlp({ input: 2, hidden: [128, 128], output: 1 }),
    loss: nonSaturating(),
  }),
  // Gulrajani et al. 2017: critic without batch norm, λ = 10, Adam(1e-4, β (0.5, 0.9)); one critic
  // step per generator step here (the paper uses 5), so a step is comparable with the others.
  "wgan-gp": () => alternating({
    data: noiseImages(64), batchSize: 64, seed: 0, dSteps: 1,
    generator: dcganGenerator({ latent: 100, image: [28, 28, 1], width: 64 }),
    discriminator: dcganDiscriminator({ image: [28, 28, 1], width: 64, norm: "none" }),
    loss: wasserstein(),
    regularizers: [gradientPenalty({ weight: 10 })],
    gOptimizer: adam({ lr: 1e-4, betas: [0.5, 0.9] }),
    dOptimizer: adam({ lr: 1e-4, betas: [0.5, 0.9] }),
  }),
  // Metz et al. 2017's ring settings (benchmarks/unrolled-step.ts): K = 5, second order.
  unrolled5: () => alternating({
    data: ringData(), batchSize: 512, seed: 0,
    generator: mlp({ input: 256, hidden: [128, 128], output: 2, activation: "tanh" }),
    discriminator: mlp({ input: 2, hidden: [128], output: 1, activation: "tanh" }),
    loss: nonSaturating(),
    gOptimizer: adam({ lr: 1e-3, betas: [0.5, 0.999] }),
    dOptimizer: adam({ lr: 1e-4, betas: [0.5, 0.999] }),
    lookahead: unrolled({ steps: 5, mode: "second-order" }),
  }),
};
