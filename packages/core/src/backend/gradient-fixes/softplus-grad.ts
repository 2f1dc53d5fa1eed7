// Softplus gradient dy·σ(x) from the saved input. Stock TF.js 4.22 has the same formula and is right
// at second order; its third order went through the broken Sigmoid second order (now fixed). Owned here.
import * as tf from "@tensorflow/tfjs-core";

/** softplus'(x) = σ(x); higher orders go through the (fixed) Sigmoid gradient. */
export const softplusGrad: tf.GradConfig = {
  kernelName: tf.Softplus,
  inputsToSave: ["x"],
  gradFunc: (dy, saved) => {
    const [x] = saved;
    return { x: () => tf.mul(dy as tf.Tensor, tf.sigmoid(x)) };
  },
};
