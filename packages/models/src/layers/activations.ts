// Activations of the DCGAN networks, as TF.js ops. Second-order gradients through them (R1, WGAN-GP
// penalties) rely on the gradient fixes that useBackend installs (@gantry/core: LeakyRelu, Tanh).
import { tf } from "@gantry/core";

export function relu(x: tf.Tensor): tf.Tensor {
  return tf.relu(x);
}

/** max(x, αx) for 0 ≤ α ≤ 1. */
export function leakyRelu(x: tf.Tensor, alpha: number): tf.Tensor {
  return tf.leakyRelu(x, alpha);
}

export function tanh(x: tf.Tensor): tf.Tensor {
  return tf.tanh(x);
}
