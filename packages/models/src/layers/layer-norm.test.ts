// Layer norm against a float64 closed form: each sample normalised over all of H, W, C with its own
// mean and biased variance, then per-channel γ, β (PyTorch's GroupNorm(1, C)). Tolerance 1e-5.
import { Rng, tf } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import { layerNorm } from "./layer-norm.js";

describeBackends("layerNorm", () => {
  it("normalises each sample over H, W, C and applies a per-channel scale and shift", async () => {
    const [N, H, W, C] = [2, 3, 2, 2];
    const rng = Rng.seeded(11);
    const xs = Array.from({ length: N * H * W * C }, (_, i) => Math.fround((i < H * W * C ? 3 : -1) + rng.nextNormal()));
    const gamma = [1.2, 0.5];
    const beta = [0.3, -0.2];
    const per = H * W * C;
    const expected = xs.map((v, i) => {
      const sample = xs.slice(Math.floor(i / per) * per, Math.floor(i / per) * per + per);
      const mean = sample.reduce((a, b) => a + b, 0) / per;
      const variance = sample.reduce((a, b) => a + (b - mean) ** 2, 0) / per;
      return ((v - mean) / Math.sqrt(variance + 1e-5)) * gamma[i % C] + beta[i % C];
    });
    await expectNoTensorLeak(() => {
      const x = tf.tensor4d(xs, [N, H, W, C]);
      const p = { gamma: tf.tensor1d(gamma), beta: tf.tensor1d(beta) };
      const y = layerNorm(x, p);
      const got = y.dataSync();
      for (let i = 0; i < expected.length; i++) expect(Math.abs(got[i] - expected[i]), `index ${i}`).toBeLessThan(1e-5);
      tf.dispose([x, y, p.gamma, p.beta]);
    });
  });
});
