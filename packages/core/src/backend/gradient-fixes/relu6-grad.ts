// Relu6 gradient that can be differentiated again. Stock TF.js 4.22 builds its mask with
// lessEqual(x, 6), and LessEqual has no gradient, so second order through tf.relu6 throws.
import * as tf from "@tensorflow/tfjs-core";

/** relu6'(x) = 1 for 0 < x < 6, else 0 (as TensorFlow: features > 0 and features < 6), via Step. */
export const relu6Grad: tf.GradConfig = {
  kernelName: tf.Relu6,
  inputsToSave: ["x"],
  gradFunc: (dy, saved) => {
    const [x] = saved;
    return { x: () => tf.mul(dy as tf.Tensor, tf.mul(tf.step(x), tf.step(tf.sub(6, x)))) };
  },
};
