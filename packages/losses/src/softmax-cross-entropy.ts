// Softmax cross-entropy on logits rows, written as log softmax(l) = l − logSumExp(l): finite at any
// logit, and correct at second order (tf.logSoftmax and tf.losses.softmaxCrossEntropy are customGrad
// ops whose second order TF.js 4.22 gets wrong; docs/adr/0004-gradient-fixes.md). Not a loss of its own.
import { tf } from "@gantry/core";

/** log softmax over the last axis, as l − logSumExp(l): differentiable to any order with core's fixes. */
export function logSoftmax(logits: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.sub(logits, tf.logSumExp(logits, -1, true)));
}

/**
 * Mean over rows of −Σⱼ tⱼ·log softmax(l)ⱼ for logits [N, C] and one constant target distribution t
 * (length C, summing to 1) shared by every row.
 */
export function meanSoftmaxCrossEntropy(logits: tf.Tensor, target: readonly number[]): tf.Scalar {
  return tf.tidy(() => {
    const perRow = tf.sum(tf.mul(logSoftmax(logits), tf.tensor1d([...target])), -1);
    return tf.neg(tf.mean(perRow)) as tf.Scalar;
  });
}
