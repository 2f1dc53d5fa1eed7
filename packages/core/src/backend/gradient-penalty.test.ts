// End-to-end check of the fixes where they matter: the gradient of a gradient penalty ‖∇ₓD(x)‖²
// (WGAN-GP, R1) of a small MLP critic with respect to its weights, against directional finite differences.
import { checkDirectionalDerivative, describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import { Rng, tf, type Params } from "../index.js";

const activations: Readonly<Record<string, (x: tf.Tensor) => tf.Tensor>> = {
  tanh: tf.tanh,
  sigmoid: tf.sigmoid,
  "leakyRelu(0.2)": (x) => tf.leakyRelu(x, 0.2),
  elu: tf.elu,
  relu: tf.relu,
  softplus: tf.softplus,
};

/** 2 → 8 → 8 → 1, weights N(0, 1/fan_in) from a fixed seed, biases N(0, 0.1²). */
function mlpParams(): Params {
  const rng = Rng.seeded(20240611);
  const dense = (i: number, o: number) => tf.tensor2d(Array.from({ length: i * o }, () => rng.nextNormal() / Math.sqrt(i)), [i, o]);
  const bias = (o: number) => tf.tensor1d(Array.from({ length: o }, () => 0.1 * rng.nextNormal()));
  return { w1: dense(2, 8), b1: bias(8), w2: dense(8, 8), b2: bias(8), w3: dense(8, 1), b3: bias(1) };
}

function critic(p: Params, x: tf.Tensor, act: (x: tf.Tensor) => tf.Tensor): tf.Tensor {
  const h1 = act(tf.add(tf.matMul(x, p.w1), p.b1));
  const h2 = act(tf.add(tf.matMul(h1, p.w2), p.b2));
  return tf.add(tf.matMul(h2, p.w3), p.b3);
}

/** mean over the batch of ‖∇ₓD(xᵢ)‖² (rows are independent, so ∇ₓ Σ D gives per-sample gradients). */
function gradientPenalty(p: Params, x: tf.Tensor, act: (x: tf.Tensor) => tf.Tensor): tf.Tensor {
  const g = tf.grad((v: tf.Tensor) => tf.sum(critic(p, v, act)))(x);
  return tf.mean(tf.sum(tf.square(g), 1));
}

describeBackends("gradient fixes: gradient penalty of an MLP critic", () => {
  const x = () => tf.tensor2d([[0.5, -1.2], [1.4, 0.3], [-0.8, 0.9], [0.1, 2.0], [-1.6, -0.4], [0.7, 0.6]]);

  for (const [name, act] of Object.entries(activations)) {
    it(`${name}: ∂/∂θ ‖∇ₓD‖² matches directional finite differences`, async () => {
      await expectNoTensorLeak(async () => {
        const p = mlpParams();
        const input = x();
        try {
          // ‖d‖ = 1 in θ-space; eps 1e-2 keeps float32 round-off (~6e-8·|GP|/eps) two orders below rtol.
          // Piecewise-linear critics: at this seed no pre-activation is within eps of a kink.
          const r = await checkDirectionalDerivative((q) => gradientPenalty(q, input, act), p, { directions: 4, eps: 1e-2, rtol: 1e-2 });
          expect(r.ok, r.message).toBe(true);
        } finally {
          tf.dispose([...Object.values(p), input]);
        }
      });
    });
  }
});
