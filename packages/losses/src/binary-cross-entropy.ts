// Sigmoid cross-entropy on logits in softplus form: −[t·log σ(f) + (1−t)·log(1−σ(f))]
// = t·softplus(−f) + (1−t)·softplus(f), finite for any logit (no log(sigmoid(x)), which underflows).
// Shared by minimax, non-saturating and relativistic losses; not a loss of its own.
import { tf } from "@gantry/core";

/** Mean over every element of t·softplus(−f) + (1−t)·softplus(f), for a constant target t ∈ [0, 1]. */
export function meanSigmoidCrossEntropy(logits: tf.Tensor, target: number): tf.Scalar {
  return tf.tidy(() => {
    if (target === 1) return tf.mean(tf.softplus(tf.neg(logits))) as tf.Scalar;
    if (target === 0) return tf.mean(tf.softplus(logits)) as tf.Scalar;
    const pos = tf.mul(tf.softplus(tf.neg(logits)), target);
    const neg = tf.mul(tf.softplus(logits), 1 - target);
    return tf.mean(tf.add(pos, neg)) as tf.Scalar;
  });
}
