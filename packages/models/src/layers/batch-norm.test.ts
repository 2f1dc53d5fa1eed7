// Batch norm against a float64 closed form: training output from the batch mean and biased variance,
// running statistics r' = 0.9·r + 0.1·batch with the unbiased variance (PyTorch's nn.BatchNorm2d
// rule), eval output from the running statistics. Tolerance 1e-5: float32 on values of order 1.
import { Rng, tf } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import { batchNormEval, batchNormInit, batchNormTrain } from "./batch-norm.js";

const TOL = 1e-5;
const [N, H, W, C] = [3, 2, 2, 2];

function data(rng: Rng, n: number, scale: number, shift: number): number[] {
  return Array.from({ length: n }, () => Math.fround(shift + scale * rng.nextNormal()));
}

/** Per-channel [mean, biased variance] of NHWC data, float64. */
function channelMoments(x: number[]): [number[], number[]] {
  const count = x.length / C;
  const mean = Array.from({ length: C }, (_, k) => x.filter((_, i) => i % C === k).reduce((a, b) => a + b, 0) / count);
  const variance = mean.map((m, k) => x.filter((_, i) => i % C === k).reduce((a, v) => a + (v - m) ** 2, 0) / count);
  return [mean, variance];
}

function expectClose(actual: ArrayLike<number>, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i]), `index ${i}`).toBeLessThan(TOL);
}

describeBackends("batchNorm", () => {
  const rng = Rng.seeded(3);
  const xs = data(rng, N * H * W * C, 2, 0.5);
  const gamma = [1.5, 0.7];
  const beta = [0.1, -0.3];
  const runMean = [0.2, -0.1];
  const runVar = [0.8, 1.3];

  it("training: batch statistics, and running statistics updated with momentum 0.1 (unbiased variance)", async () => {
    await expectNoTensorLeak(() => {
      const [mean, variance] = channelMoments(xs);
      const count = N * H * W;
      const expectedY = xs.map((v, i) => ((v - mean[i % C]) / Math.sqrt(variance[i % C] + 1e-5)) * gamma[i % C] + beta[i % C]);
      const expectedMean = runMean.map((r, k) => 0.9 * r + 0.1 * mean[k]);
      const expectedVar = runVar.map((r, k) => 0.9 * r + 0.1 * variance[k] * (count / (count - 1)));
      const x = tf.tensor4d(xs, [N, H, W, C]);
      const p = { gamma: tf.tensor1d(gamma), beta: tf.tensor1d(beta) };
      const s = { mean: tf.tensor1d(runMean), variance: tf.tensor1d(runVar) };
      const out = batchNormTrain(x, p, s);
      expectClose(out.y.dataSync(), expectedY);
      expectClose(out.state.mean.dataSync(), expectedMean);
      expectClose(out.state.variance.dataSync(), expectedVar);
      expectClose(s.mean.dataSync(), runMean); // the input state is untouched
      tf.dispose([x, p.gamma, p.beta, s.mean, s.variance, out.y, out.state.mean, out.state.variance]);
    });
  });

  it("eval: running statistics, batch ignored (one sample gives the same answer as in a batch)", async () => {
    await expectNoTensorLeak(() => {
      const expectedY = xs.map((v, i) => ((v - runMean[i % C]) / Math.sqrt(runVar[i % C] + 1e-5)) * gamma[i % C] + beta[i % C]);
      const x = tf.tensor4d(xs, [N, H, W, C]);
      const p = { gamma: tf.tensor1d(gamma), beta: tf.tensor1d(beta) };
      const s = { mean: tf.tensor1d(runMean), variance: tf.tensor1d(runVar) };
      const y = batchNormEval(x, p, s);
      expectClose(y.dataSync(), expectedY);
      const first = tf.slice(x, [0, 0, 0, 0], [1, H, W, C]);
      const yFirst = batchNormEval(first, p, s);
      expectClose(yFirst.dataSync(), expectedY.slice(0, H * W * C));
      tf.dispose([x, first, p.gamma, p.beta, s.mean, s.variance, y, yFirst]);
    });
  });

  it("works on [N, C] inputs, and refuses a single value per channel in training", async () => {
    await expectNoTensorLeak(() => {
      const init = batchNormInit(Rng.seeded(1), 4);
      const p = { gamma: init.params.gamma, beta: init.params.beta };
      const s = { mean: init.state.mean, variance: init.state.variance };
      const x = tf.tensor2d([[1, 2, 3, 4], [3, 2, 1, 0]]);
      const out = batchNormTrain(x, p, s);
      expect(out.y.shape).toEqual([2, 4]);
      // Each channel holds two values m ± d: normalised to ±γ (up to eps); channel 1 is constant → β = 0.
      const y = out.y.arraySync() as number[][];
      const g = p.gamma.dataSync();
      for (let k = 0; k < 4; k++) expect(Math.abs(y[0][k] + y[1][k])).toBeLessThan(TOL);
      for (let k = 0; k < 4; k++) if (k !== 1) expect(Math.abs(Math.abs(y[0][k]) - g[k])).toBeLessThan(1e-4);
      const one = tf.tensor2d([[1, 2, 3, 4]]);
      expect(() => batchNormTrain(one, p, s)).toThrow(/more than 1 value per channel/);
      tf.dispose([x, one, out.y, out.state.mean, out.state.variance, ...Object.values(init.params), ...Object.values(init.state)]);
    });
  });

  it("init: γ ~ N(1, 0.02²), β = 0, running mean 0 and variance 1", async () => {
    await expectNoTensorLeak(() => {
      const init = batchNormInit(Rng.seeded(5), 4096);
      const g = Array.from(init.params.gamma.dataSync());
      const mean = g.reduce((a, b) => a + b, 0) / g.length;
      const std = Math.sqrt(g.reduce((a, b) => a + (b - mean) ** 2, 0) / g.length);
      // 4096 draws: standard error of the mean 3e-4, of the std ≈ 2.2e-4.
      expect(Math.abs(mean - 1)).toBeLessThan(1.5e-3);
      expect(Math.abs(std - 0.02)).toBeLessThan(1.5e-3);
      expect(Array.from(init.params.beta.dataSync()).every((v) => v === 0)).toBe(true);
      expect(Array.from(init.state.mean.dataSync()).every((v) => v === 0)).toBe(true);
      expect(Array.from(init.state.variance.dataSync()).every((v) => v === 1)).toBe(true);
      tf.dispose([...Object.values(init.params), ...Object.values(init.state)]);
    });
  });
});
