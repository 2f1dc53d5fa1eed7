// LeakyRelu gradient that can be differentiated again. Stock TF.js 4.22 selects with greater(x, 0),
// and Greater has no gradient, so a second-order gradient through tf.leakyRelu throws.
import * as tf from "@tensorflow/tfjs-core";

/** slope = α + (1 − α)·step(x): 1 for x > 0, α otherwise; Step has a (zero) gradient. */
export const leakyReluGrad: tf.GradConfig = {
  kernelName: tf.LeakyRelu,
  inputsToSave: ["x"],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved;
    const alpha = attrs.alpha as number;
    return { x: () => tf.mul(dy as tf.Tensor, tf.add(alpha, tf.mul(1 - alpha, tf.step(x)))) };
  },
};
