// Second-order gradients on webgpu, as GAN regularizers need them: tanh, sigmoid and leakyRelu
// against closed forms (float64 JS), a WGAN-GP style gradient penalty of a tiny MLP and of a tiny
// conv net against cpu, and a training step whose tensor count and GPU bytes do not grow.
// Relies on core's gradient fixes (installed by useBackend); tolerances are stated per test.
import { tf } from "@gantry/core";
import { expectNoTensorGrowth } from "@gantry/testing";
import { expect, it } from "vitest";
import { expectParity } from "./parity.test-support.js";
import { describeWebgpu } from "./webgpu-availability.test-support.js";

const xs = [-2.5, -1.2, -0.3, 0.4, 1.1, 2.2];

interface Activation {
  readonly name: string;
  readonly f: (x: tf.Tensor) => tf.Tensor;
  readonly d1: (x: number) => number;
  readonly d2: (x: number) => number;
}

const sig = (x: number) => 1 / (1 + Math.exp(-x));
const activations: readonly Activation[] = [
  { name: "tanh", f: tf.tanh, d1: (x) => 1 - Math.tanh(x) ** 2, d2: (x) => -2 * Math.tanh(x) * (1 - Math.tanh(x) ** 2) },
  { name: "sigmoid", f: tf.sigmoid, d1: (x) => sig(x) * (1 - sig(x)), d2: (x) => sig(x) * (1 - sig(x)) * (1 - 2 * sig(x)) },
  { name: "leakyRelu", f: (x) => tf.leakyRelu(x, 0.2), d1: (x) => (x > 0 ? 1 : 0.2), d2: () => 0 },
];

/** ≤ 1e-3 relative (of max(|want|, 1e-3)): float32 activations and their derivatives are good to ~1e-6. */
function expectRelClose(got: ArrayLike<number>, want: readonly number[], label: string): void {
  want.forEach((w, i) => expect(Math.abs((got[i] as number) - w), `${label}[${i}]: ${got[i]} vs ${w}`).toBeLessThanOrEqual(1e-3 * Math.max(Math.abs(w), 1e-3)));
}

async function read(f: () => tf.Tensor): Promise<Float32Array> {
  const t = tf.tidy(f);
  const d = (await t.data()) as Float32Array;
  t.dispose();
  return d;
}

/** A 2-layer MLP critic D(x) = w2ᵀ act(W1 x + b1); the penalty is mean (‖∇ₓD‖ − 1)² (WGAN-GP, eq. 3). */
function gradientPenalty(act: (t: tf.Tensor) => tf.Tensor, w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor, x: tf.Tensor): tf.Scalar {
  const gx = tf.grad((xx: tf.Tensor) => tf.sum(tf.matMul(act(tf.add(tf.matMul(xx, w1), b1)), w2)))(x);
  return tf.mean(tf.square(tf.sub(tf.sqrt(tf.add(tf.sum(tf.square(gx), 1), 1e-12)), 1))) as tf.Scalar;
}

function penaltyGrads(act: (t: tf.Tensor) => tf.Tensor): tf.Tensor {
  const x = tf.randomNormal([6, 3], 0, 1, "float32", 1);
  const [w1, b1, w2] = [tf.randomNormal([3, 8], 0, 0.7, "float32", 2), tf.randomNormal([8], 0, 0.3, "float32", 3), tf.randomNormal([8, 1], 0, 0.7, "float32", 4)];
  const g = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => gradientPenalty(act, a, b, c, x))([w1!, b1!, w2!]);
  return tf.concat(g.map((t) => tf.reshape(t, [-1])));
}

await describeWebgpu("second-order gradients", () => {
  for (const a of activations) {
    it(`${a.name}: d/dx Σ f'(x) = f''(x) (f is the only path)`, async () => {
      const got = await read(() => tf.grad((x: tf.Tensor) => tf.sum(tf.grad((y: tf.Tensor) => tf.sum(a.f(y)))(x)))(tf.tensor1d(xs)));
      expectRelClose(got, xs.map(a.d2), a.name);
    });
    it(`${a.name}: d/dx Σ x·f'(x) = f'(x) + x·f''(x) (two paths)`, async () => {
      const got = await read(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(x, tf.grad((y: tf.Tensor) => tf.sum(a.f(y)))(x))))(tf.tensor1d(xs)));
      expectRelClose(got, xs.map((x) => a.d1(x) + x * a.d2(x)), a.name);
    });
  }

  // Same graph on both backends; 1e-4 of scale: two chained backward passes in float32.
  it("gradient penalty of a tiny leakyRelu MLP matches cpu", () => expectParity(() => penaltyGrads((t) => tf.leakyRelu(t, 0.2)), 1e-4, "GP leakyRelu"));
  it("gradient penalty of a tiny tanh MLP matches cpu", () => expectParity(() => penaltyGrads(tf.tanh), 1e-4, "GP tanh"));
  it("gradient penalty through conv2d matches cpu (second order of Conv2D's backprops)", () =>
    expectParity(() => {
      const x = tf.randomNormal([2, 6, 6, 2], 0, 1, "float32", 1);
      const w = tf.randomNormal([3, 3, 2, 3], 0, 0.5, "float32", 2);
      return tf.grad((ww: tf.Tensor) => {
        const gx = tf.grad((xx: tf.Tensor) => tf.sum(tf.leakyRelu(tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, 2, "same"), 0.2)))(x);
        return tf.sum(tf.square(gx));
      })(w);
    }, 1e-4, "GP conv"));

  it("a critic step with gradient penalty does not grow tensors or GPU memory", async () => {
    let params = [tf.randomNormal([3, 8], 0, 0.7, "float32", 2), tf.randomNormal([8], 0, 0.3, "float32", 3), tf.randomNormal([8, 1], 0, 0.7, "float32", 4)];
    const x = tf.randomNormal([6, 3], 0, 1, "float32", 1);
    const step = async () => {
      const next = tf.tidy(() => {
        const g = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => gradientPenalty((t) => tf.leakyRelu(t, 0.2), a, b, c, x))(params as [tf.Tensor, tf.Tensor, tf.Tensor]);
        return params.map((p, i) => tf.sub(p, tf.mul(g[i]!, 0.01)));
      });
      tf.dispose(params);
      params = next;
      await params[0]!.data();
    };
    await step();
    const bytes = (tf.memory() as { numBytesInGPU?: number }).numBytesInGPU;
    await expectNoTensorGrowth(step, 4, "GP step");
    expect((tf.memory() as { numBytesInGPU?: number }).numBytesInGPU).toBe(bytes);
    tf.dispose([...params, x]);
  });
});
