// Exp gradient that is itself differentiable. Stock TF.js 4.22 saves the output eˣ (disconnected from
// x on the tape, like tfjs#3252), so second-order gradients through tf.exp are wrong or throw.
import * as tf from "@tensorflow/tfjs-core";

/** d eˣ/dx = eˣ, recomputed from the saved input x. */
export const expGrad: tf.GradConfig = {
  kernelName: tf.Exp,
  inputsToSave: ["x"],
  gradFunc: (dy, saved) => {
    const [x] = saved;
    return { x: () => tf.mul(dy as tf.Tensor, tf.exp(x)) };
  },
};
