// stopGradient: x's values as a constant for differentiation (tf.stop_gradient, PyTorch's detach);
// TF.js 4.22 has none. The result is a tape node with no inputs, so TF.js's backward pass neither
// reaches x nor visits anything that produced x — a zero-gradient customGrad would still backpropagate
// zeros through all of it (for a first-order Unrolled GAN: the whole K-step unroll, as slow as second
// order). Uses: first-order unrolling (θ_D^K held constant), spectral norm's power-iteration vectors.
import * as tf from "@tensorflow/tfjs-core";

/** A copy of x (disposing it never disposes x) that no gradient flows through, at any order. */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  // customGrad records one node whose inputs are its arguments: none here, so the tape drops it and
  // everything upstream. Its gradient function is never called.
  return tf.customGrad(() => ({ value: tf.clone(x), gradFunc: () => [] }))() as T;
}
