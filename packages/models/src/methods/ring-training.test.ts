// An MLP GAN learns the 8-Gaussian ring (radius 2, σ 0.05) with `alternating` on wasm: after 3000
// generator steps (≈ 30–50 s on a 2-core machine) ≥ 90 % of its samples lie within 3σ of their nearest
// mode (VEEGAN's "high quality"; plain 3σ, stricter than the 3.44σ 2-D radius of @gantry/metrics'
// mode-coverage) and all 8 modes are covered. Deterministic: fixed seed, single-threaded wasm.
//
// What gets it there (measured, README "Measured"): the samples that miss are the bridges a continuous
// G draws between modes. A tanh generator (saturating units give step-like maps from z to modes),
// two D updates per G update (D keeps finding the bridges) and a cosine learning-rate decay (the modes
// sharpen as the steps shrink) take the share from 33 % (leakyReLU G, constant lr) to 92.7 %.
import { adam, type Schedule } from "@gantry/core";
import { nonSaturating } from "@gantry/losses";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import { mlp } from "../networks/mlp.js";
import { alternating } from "./alternating.js";
import { ringDataset, ringQuality } from "./ring.testkit.js";

const STD = 0.05;
const STEPS = 3000;
const lr: Schedule = { cosine: { from: 2e-3, to: 1e-4, steps: STEPS } };

describeBackends("ring GAN training", () => {
  it(`puts ≥ 90 % of samples within 3σ of a mode, covering all 8, after ${STEPS} steps`, async () => {
    await expectNoTensorLeak(async () => {
      const trainer = alternating({
        data: ringDataset({ std: STD }), batchSize: 128, seed: 1, dSteps: 2,
        generator: mlp({ input: 2, hidden: [128, 128], output: 2, activation: "tanh" }),
        discriminator: mlp({ input: 2, hidden: [64, 64], output: 1, activation: "leakyRelu" }),
        loss: nonSaturating(),
        gOptimizer: adam({ lr, betas: [0.5, 0.999] }),
        dOptimizer: adam({ lr, betas: [0.5, 0.999] }),
      });
      let last = await trainer.step();
      for (let i = 1; i < STEPS; i++) last = await trainer.step();
      const x = trainer.sample(2000, 123);
      const { highQuality, modes } = ringQuality(x.dataSync(), STD);
      x.dispose();
      trainer.dispose();
      expect(highQuality).toBeGreaterThanOrEqual(0.9); // measured 0.927 (seeds 2, 3: 0.919, 0.908)
      expect(modes).toBe(8);
      expect(Number.isFinite(last.gLoss) && Number.isFinite(last.dLoss)).toBe(true);
    });
  }, 240_000);
}, { only: ["wasm"] });
