// Softmax gradient that is itself differentiable. Stock TF.js 4.22 saves the output y (disconnected
// from the logits on the tape, like tfjs#3252), so second-order gradients through tf.softmax are wrong.
import * as tf from "@tensorflow/tfjs-core";

/** Jᵀdy = y ⊙ (dy − Σ dy ⊙ y) along `dim`, with y = softmax(logits) recomputed from the saved logits. */
export const softmaxGrad: tf.GradConfig = {
  kernelName: tf.Softmax,
  inputsToSave: ["logits"],
  gradFunc: (dy, saved, attrs) => {
    const [logits] = saved;
    const dim = attrs.dim as number;
    return {
      logits: () => {
        const y = tf.softmax(logits, dim);
        const dyTimesY = tf.mul(dy as tf.Tensor, y);
        return tf.sub(dyTimesY, tf.mul(tf.sum(dyTimesY, [dim], true), y));
      },
    };
  },
};
