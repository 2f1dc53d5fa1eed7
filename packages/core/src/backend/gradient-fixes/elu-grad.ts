// Elu gradient that is itself differentiable. Stock TF.js 4.22 runs the EluGrad kernel on the saved
// output, and EluGrad has no gradient, so any second-order gradient through tf.elu throws.
import * as tf from "@tensorflow/tfjs-core";

/**
 * elu'(x) = 1 for x > 0, eˣ otherwise (α = 1 in TF.js), written as exp(min(x, 0)): one formula, no
 * `where`, so a large positive x never makes exp overflow into a 0·∞ = NaN second derivative.
 */
export const eluGrad: tf.GradConfig = {
  kernelName: tf.Elu,
  inputsToSave: ["x"],
  gradFunc: (dy, saved) => {
    const [x] = saved;
    return { x: () => tf.mul(dy as tf.Tensor, tf.exp(tf.minimum(x, 0))) };
  },
};
