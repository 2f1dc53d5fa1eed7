// Instance noise: its statistics and schedule, its seeded stream, and what it is for (Arjovsky &
// Bottou 2017, §4): with disjoint real and fake sets a trained D saturates and the generator's
// (minimax) gradient at the fake points vanishes; trained and evaluated on noisy inputs it does not.
import { Rng, adam, applyUpdates, tf } from "@gantry/core";
import { minimax } from "@gantry/losses";
import { mlp } from "@gantry/models";
import { describeBackends, expectNoTensorLeak, readTidy } from "@gantry/testing";
import { expect, it } from "vitest";
import { instanceNoise } from "./instance-noise.js";

describeBackends("instance noise", () => {
  it("adds N(0, σ_t²) with σ_t from the schedule; σ = 0 returns the input itself", async () => {
    await expectNoTensorLeak(async () => {
      const x = tf.fill([20000, 2], 3);
      const reg = instanceNoise({ std: 0.5 });
      const y = reg.transformInput!(x, { step: 0, rng: Rng.seeded(1) });
      const [mean, std] = await readTidy(() => { const m = tf.moments(tf.sub(y, x)); return tf.stack([m.mean, tf.sqrt(m.variance)]); });
      expect(Math.abs(mean)).toBeLessThan(0.01);
      expect(std).toBeCloseTo(0.5, 2);
      expect(instanceNoise({ std: 0 }).transformInput!(x, { step: 0, rng: Rng.seeded(1) })).toBe(x);
      tf.dispose([x, y]);
    });
  });

  it("default: σ anneals linearly from 0.1 to 0 over the run; the same stream gives the same noise", async () => {
    await expectNoTensorLeak(async () => {
      const x = tf.zeros([20000, 1]);
      const reg = instanceNoise();
      const stdAt = async (step: number) => (await readTidy(() => tf.sqrt(tf.moments(reg.transformInput!(x, { step, rng: Rng.seeded(2), totalSteps: 1000 })).variance)))[0];
      expect(await stdAt(0)).toBeCloseTo(0.1, 2);
      expect(await stdAt(500)).toBeCloseTo(0.05, 2);
      expect(reg.transformInput!(x, { step: 1000, rng: Rng.seeded(2), totalSteps: 1000 })).toBe(x);
      const a = await readTidy(() => reg.transformInput!(x, { step: 3, rng: Rng.seeded(9), totalSteps: 1000 }));
      const b = await readTidy(() => reg.transformInput!(x, { step: 3, rng: Rng.seeded(9), totalSteps: 1000 }));
      expect(Array.from(a)).toEqual(Array.from(b));
      expect(() => reg.transformInput!(x, { step: 3, rng: Rng.seeded(9) })).toThrow(/run's length/);
      x.dispose();
    });
  });
});

/** D trained for `steps` Adam steps to separate real (around +1) from fake (around −1), inputs through `noise`. */
function trainSeparatingD(noiseStd: number, steps: number) {
  const D = mlp({ input: 2, hidden: [32, 32], output: 1, activation: "leakyRelu" });
  const loss = minimax();
  const reg = instanceNoise({ std: noiseStd });
  const rng = Rng.seeded(11);
  const noiseRng = Rng.seeded(12);
  const real = tf.tidy(() => tf.add(rng.normal([256, 2], 0, 0.05), tf.tensor2d([[1, 1]])));
  const fake = tf.tidy(() => tf.add(rng.normal([256, 2], 0, 0.05), tf.tensor2d([[-1, -1]])));
  const opt = adam({ lr: 1e-2, betas: [0.5, 0.999] });
  let { params } = D.init(rng.split("init"));
  let state = opt.init(params);
  const transform = (x: tf.Tensor) => reg.transformInput!(x, { step: 0, rng: noiseRng });
  for (let i = 0; i < steps; i++) {
    const next = tf.tidy(() => {
      const r = transform(real);
      const f = transform(fake);
      const g = tf.grads((...ps: tf.Tensor[]) => {
        const q = Object.fromEntries(Object.keys(params).map((k, j) => [k, ps[j]]));
        return loss.discriminator(D.apply(q, {}, r, { training: true }).y, D.apply(q, {}, f, { training: true }).y);
      })(Object.values(params));
      const gp = Object.fromEntries(Object.keys(params).map((k, j) => [k, g[j]]));
      const u = opt.update(gp, state, params, i);
      return { params: applyUpdates(params, u.updates), state: u.state };
    });
    tf.dispose([...Object.values(params), ...Object.values(state)]);
    params = next.params;
    state = next.state;
  }
  return { D, params, state, real, fake, loss, transform };
}

describeBackends("instance noise: what it is for", () => {
  it("a D that separates disjoint sets leaves G no gradient (minimax); with σ = 1 noise G's gradient is clearly non-zero", async () => {
    const gradNorm = async (noiseStd: number) => {
      const t = trainSeparatingD(noiseStd, 300);
      try {
        // The generator side: ∂ L_G / ∂ x_fake of the saturating loss, at noisy inputs when noise is on.
        const [norm] = await readTidy(() => {
          const g = tf.grad((x: tf.Tensor) => t.loss.generator(t.D.apply(t.params, {}, t.transform(x), { training: false }).y))(t.fake);
          // Mean per-point gradient norm, at the scale of one point's loss (the loss is a mean over N).
          return tf.mul(tf.mean(tf.sqrt(tf.sum(tf.square(g), 1))), t.fake.shape[0]);
        });
        return norm;
      } finally {
        tf.dispose([...Object.values(t.params), ...Object.values(t.state), t.real, t.fake]);
      }
    };
    const without = await gradNorm(0);
    const withNoise = await gradNorm(1);
    console.log(`instance noise: G gradient ${without.toExponential(2)} without noise, ${withNoise.toExponential(2)} with σ = 1`);
    expect(without).toBeLessThan(1e-3);
    expect(withNoise).toBeGreaterThan(0.05);
    expect(withNoise / Math.max(without, 1e-30)).toBeGreaterThan(500);
  });
}, { only: ["wasm"] });
