// The generator EMA (Yazıcı et al. 2019), θ̄ ← β·θ̄ + (1 − β)·θ, against its closed form
// θ̄_T = β^T·θ̄_0 + (1 − β)·Σ_{t=1..T} β^(T−t)·θ_t, and a player trained with an EMA samples from it.
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import { Rng, disposeParams, emaUpdate, initPlayer, nextEma, replacePlayer, sgd, stepPlayer, tf, trainedPlayer, type Network, type Params } from "../index.js";

// float32 arithmetic, 3 roundings per update, values of order 1–30: errors stay below ~1e-5 absolute.
const TOLERANCE = 1e-5;

function expectClose(got: ArrayLike<number>, want: readonly number[], what: string): void {
  expect(got.length, what).toBe(want.length);
  want.forEach((w, i) => expect(Math.abs(got[i] - w), `${what}[${i}]: ${got[i]} vs ${w}`).toBeLessThanOrEqual(TOLERANCE * Math.max(1, Math.abs(w))));
}

/** y = x·W + b. */
const linear: Network = {
  inputShape: [2], outputShape: [1],
  init: (rng) => ({ params: { w: rng.normal([2, 1], 0, 0.5), b: tf.zeros([1]) }, state: {} }),
  apply: (p, state, x) => ({ y: tf.tidy(() => tf.add(tf.matMul(x, p.w), p.b)), state }),
};

describeBackends("emaUpdate", () => {
  it("after T updates equals β^T·θ̄₀ + (1 − β)·Σ β^(T−t)·θ_t, leaving its inputs untouched", async () => {
    const beta = 0.8;
    const thetas = [1, 2, 3, 4].map((t) => [t, -2 * t, 0.5 * t * t, 30 / t]);
    const start = [1, 1, -1, 0];
    await expectNoTensorLeak(() => {
      let average: Params = { a: tf.tensor1d(start) };
      for (const theta of thetas) {
        const params = { a: tf.tensor1d(theta) };
        const next = emaUpdate(average, params, beta);
        expect(Array.from(params.a.dataSync()), "θ is untouched").toEqual(theta);
        disposeParams(average, params);
        average = next;
      }
      const T = thetas.length;
      const want = start.map((s, i) => beta ** T * s + (1 - beta) * thetas.reduce((sum, th, t) => sum + beta ** (T - 1 - t) * th[i], 0));
      expectClose(average.a.dataSync(), want, "θ̄_4");
      disposeParams(average);
    });
  });

  it("β = 0 follows the params, β = 1 keeps the average", () => {
    const average = { a: tf.tensor1d([1, 2]) };
    const params = { a: tf.tensor1d([5, -7]) };
    const [follow, keep] = [emaUpdate(average, params, 0), emaUpdate(average, params, 1)];
    expect(Array.from(follow.a.dataSync())).toEqual([5, -7]);
    expect(Array.from(keep.a.dataSync())).toEqual([1, 2]);
    disposeParams(average, params, follow, keep);
  });

  it("a player trained with an EMA samples from θ̄, in closed form over 4 SGD updates", async () => {
    // Loss mean(G(z)) with G linear has the constant gradient g = (z̄ᵀ, 1), so SGD gives θ_t = θ₀ − t·η·g and
    // θ̄_T = θ₀ − η·g·S_T with S_T = (1 − β)·Σ t·β^(T−t) (the β^T·θ₀ and (1 − β)Σβ^(T−t)·θ₀ terms sum to θ₀).
    const [lr, beta, T] = [0.1, 0.8, 4];
    const S = (1 - beta) * Array.from({ length: T }, (_, i) => (i + 1) * beta ** (T - 1 - i)).reduce((a, b) => a + b);
    await expectNoTensorLeak(() => {
      let g = initPlayer({ id: "generator", network: linear, optimizer: sgd({ lr }), emaDecay: beta }, Rng.seeded(3));
      const [w0, b0] = [Array.from(g.params.w.dataSync()), g.params.b.dataSync()[0]];
      const z = tf.tensor2d([[1, 2], [3, -1]]);
      const zMean = [2, 0.5];
      for (let step = 0; step < T; step++) {
        const next = tf.tidy(() => {
          const s = stepPlayer(g, (p) => ({ loss: tf.mean(linear.apply(p, {}, z, { training: true }).y) as tf.Scalar, aux: {} }), step);
          return { params: s.params, optState: s.optState, ema: nextEma(g, s.params)! };
        });
        g = replacePlayer(g, next);
      }
      expectClose(g.ema!.w.dataSync(), w0.map((w, i) => w - lr * S * zMean[i]), "W̄");
      expectClose(g.ema!.b.dataSync(), [b0 - lr * S], "b̄");

      const x = tf.tensor2d([[1, -1], [0.5, 2]]);
      const sampleWith = (shrink: number) => [[1, -1], [0.5, 2]].map(([x0, x1]) =>
        x0 * w0[0] + x1 * w0[1] + b0 - lr * shrink * (x0 * zMean[0] + x1 * zMean[1] + 1));
      const trained = trainedPlayer(g);
      const samples = trained.network.apply(trained.params, trained.state, x, { training: false }).y;
      expectClose(samples.dataSync(), sampleWith(S), "samples from θ̄");
      const online = trainedPlayer(g, true);
      const onlineSamples = online.network.apply(online.params, online.state, x, { training: false }).y;
      expectClose(onlineSamples.dataSync(), sampleWith(T), "samples from θ_T");
      // S_4 = 1.6384 against T = 4: the two differ by far more than the tolerance.
      expect(Math.abs(samples.dataSync()[0] - onlineSamples.dataSync()[0])).toBeGreaterThan(0.1);
      tf.dispose([z, x, samples, onlineSamples]);
      disposeParams(g.params, g.optState, g.ema!);
    });
  });
});
