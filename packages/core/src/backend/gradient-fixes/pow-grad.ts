// Pow gradient that is itself differentiable. Stock TF.js 4.22 saves the output y = aᵇ for the
// exponent's gradient y·ln a; the saved y is disconnected from a and b on the tape (as tfjs#3252), so
// second order through a variable exponent is wrong or throws. The base's gradient was already fine.
import * as tf from "@tensorflow/tfjs-core";

/** Sums a broadcast gradient back to the shape of the input it belongs to. */
function reduceTo(g: tf.Tensor, shape: readonly number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes([...shape], g.shape);
  return tf.reshape(axes.length > 0 ? tf.sum(g, axes) : g, [...shape]);
}

/** ∂aᵇ/∂a = b·aᵇ⁻¹; ∂aᵇ/∂b = aᵇ·ln a for a > 0 and 0 otherwise (as TF.js), y recomputed from a and b. */
export const powGrad: tf.GradConfig = {
  kernelName: tf.Pow,
  inputsToSave: ["a", "b"],
  gradFunc: (dy, saved) => {
    const [a, b] = saved;
    const g = dy as tf.Tensor;
    return {
      a: () => {
        const bf = tf.cast(b, "float32");
        return reduceTo(tf.mul(g, tf.mul(bf, tf.pow(a, tf.sub(bf, 1)))), a.shape);
      },
      b: () => {
        // ln a where a > 0, else ln 1 = 0: the log never sees a ≤ 0, so no NaN reaches a second order.
        const logA = tf.log(tf.cast(tf.where(tf.greater(a, 0), a, tf.onesLike(a)), "float32"));
        return reduceTo(tf.mul(g, tf.mul(tf.pow(a, b), logA)), b.shape);
      },
    };
  },
};
