// Relu gradient, dy·step(x). Stock TF.js 4.22 is already right here (Step has a zero gradient); Gantry
// registers its own so every activation's higher-order gradient is owned and tested in one place.
import * as tf from "@tensorflow/tfjs-core";

/** relu'(x) = 1 for x > 0, 0 otherwise (0 at x = 0, as TF.js and PyTorch). */
export const reluGrad: tf.GradConfig = {
  kernelName: tf.Relu,
  inputsToSave: ["x"],
  gradFunc: (dy, saved) => {
    const [x] = saved;
    return { x: () => tf.mul(dy as tf.Tensor, tf.step(x)) };
  },
};
