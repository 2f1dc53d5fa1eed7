// leakyRelu equals max(x, αx), its gradient is 1 or α, and its gradient can be differentiated again
// (what R1 / WGAN-GP penalties through D need; stock TF.js 4.22 throws, core's gradient fix repairs it).
import { tf } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import { leakyRelu } from "./activations.js";

describeBackends("leakyRelu", () => {
  const xs = [-2, -0.5, -1e-3, 0.25, 3];

  it("is max(x, 0.2x) with gradient 1 or 0.2", async () => {
    await expectNoTensorLeak(() => {
      const x = tf.tensor1d(xs);
      const y = leakyRelu(x, 0.2);
      const dx = tf.grad((v: tf.Tensor) => tf.sum(leakyRelu(v, 0.2)))(x);
      const yv = y.dataSync();
      const dv = dx.dataSync();
      xs.forEach((v, i) => {
        expect(yv[i]).toBeCloseTo(Math.max(v, 0.2 * v), 6);
        expect(dv[i]).toBeCloseTo(v > 0 ? 1 : 0.2, 6);
      });
      tf.dispose([x, y, dx]);
    });
  });

  it("has a second derivative (zero away from 0) for gradient penalties", async () => {
    await expectNoTensorLeak(() => {
      const x = tf.tensor1d(xs);
      // d/dx Σ (∂/∂x Σ leaky(x)·x)²: first derivative leaky'(x)·x + leaky(x) = 2·leaky(x) (piecewise linear).
      const penalty = (v: tf.Tensor): tf.Scalar => {
        const g = tf.grad((u: tf.Tensor) => tf.sum(tf.mul(leakyRelu(u, 0.2), u)))(v);
        return tf.sum(tf.square(g));
      };
      const d2 = tf.grad(penalty)(x);
      const got = d2.dataSync();
      // penalty = Σ 4·leaky(x)² → derivative 8·leaky(x)·leaky'(x).
      xs.forEach((v, i) => expect(got[i]).toBeCloseTo(8 * Math.max(v, 0.2 * v) * (v > 0 ? 1 : 0.2), 4));
      tf.dispose([x, d2]);
    });
  });
});
