// Sigmoid gradient that is itself differentiable. Stock TF.js 4.22 saves the output s and returns
// dy·s(1 − s); the saved s is disconnected from x on the tape, so second-order gradients through a
// sigmoid are wrong (tfjs#3252) or throw "Cannot compute gradient" when it is the only path.
import * as tf from "@tensorflow/tfjs-core";

/** σ'(x) = σ(x)(1 − σ(x)), recomputed from the saved input x. */
export const sigmoidGrad: tf.GradConfig = {
  kernelName: tf.Sigmoid,
  inputsToSave: ["x"],
  gradFunc: (dy, saved) => {
    const [x] = saved;
    return {
      x: () => {
        const s = tf.sigmoid(x);
        return tf.mul(dy as tf.Tensor, tf.mul(s, tf.sub(1, s)));
      },
    };
  },
};
