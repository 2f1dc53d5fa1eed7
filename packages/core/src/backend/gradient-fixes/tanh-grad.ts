// Tanh gradient that is itself differentiable. Stock TF.js 4.22 saves the *output* y and returns
// dy·(1 − y²); the saved copy of y is taped before the Tanh node, so a second gradient misses the
// x → y path (tfjs#3252: silently wrong, or "Cannot compute gradient" when tanh is the only path).
import * as tf from "@tensorflow/tfjs-core";

/** d tanh(x)/dx = 1 − tanh²(x), recomputed from the saved input x. */
export const tanhGrad: tf.GradConfig = {
  kernelName: tf.Tanh,
  inputsToSave: ["x"],
  gradFunc: (dy, saved) => {
    const [x] = saved;
    return { x: () => tf.mul(dy as tf.Tensor, tf.sub(1, tf.square(tf.tanh(x)))) };
  },
};
