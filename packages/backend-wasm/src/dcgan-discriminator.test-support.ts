// Test network: the DCGAN discriminator for 28×28×1 images (Radford et al. 2016, MNIST-sized):
// conv 64 4×4/2 → leakyReLU(0.2) → conv 128 4×4/2 → leakyReLU(0.2) → dense 1, loss softplus(−D(x)).
import { tf, type Params } from "@gantry/core";

/** He-scaled normal weights (so activations are O(1) and finite differences see real curvature). */
export function initDiscriminator(seed: number): Params {
  return {
    "conv1/kernel": tf.randomNormal([4, 4, 1, 64], 0, Math.sqrt(2 / 16), "float32", seed),
    "conv1/bias": tf.randomNormal([64], 0, 0.1, "float32", seed + 1),
    "conv2/kernel": tf.randomNormal([4, 4, 64, 128], 0, Math.sqrt(2 / 1024), "float32", seed + 2),
    "conv2/bias": tf.randomNormal([128], 0, 0.1, "float32", seed + 3),
    "dense/kernel": tf.randomNormal([7 * 7 * 128, 1], 0, Math.sqrt(1 / 6272), "float32", seed + 4),
    "dense/bias": tf.zeros([1]),
  };
}

export function discriminatorLogits(p: Params, x: tf.Tensor4D): tf.Tensor {
  const h1 = tf.leakyRelu(tf.add(tf.conv2d(x, p["conv1/kernel"] as tf.Tensor4D, 2, "same"), p["conv1/bias"]), 0.2);
  const h2 = tf.leakyRelu(tf.add(tf.conv2d(h1 as tf.Tensor4D, p["conv2/kernel"] as tf.Tensor4D, 2, "same"), p["conv2/bias"]), 0.2);
  const flat = tf.reshape(h2, [x.shape[0], 7 * 7 * 128]);
  return tf.add(tf.matMul(flat, p["dense/kernel"] as tf.Tensor2D), p["dense/bias"]);
}

/** The non-saturating loss on real images: mean softplus(−D(x)). */
export function discriminatorLoss(p: Params, x: tf.Tensor4D): tf.Scalar {
  return tf.mean(tf.softplus(tf.neg(discriminatorLogits(p, x))));
}
