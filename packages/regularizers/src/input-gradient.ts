// Input gradients of D's logits, the quantity every gradient penalty constrains. ∇ₓ Σᵢ φ(xᵢ) gives
// each sample's own gradient when D treats samples independently (no batch norm in training mode:
// with it, samples are coupled and this is the gradient of the batch sum, as in most implementations).
// Called inside a gradient of D's loss, the result stays differentiable w.r.t. D's params (second order).
import { GantryError, tf } from "@gantry/core";

/** ∇ₓ Σ φ(x), shaped like x. */
export function inputGradient(phi: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor): tf.Tensor {
  return tf.grad((v: tf.Tensor) => tf.sum(phi(v)))(x);
}

/** ‖gᵢ‖² per sample [N], over every non-batch axis. */
export function squaredNormPerSample(g: tf.Tensor): tf.Tensor {
  return tf.sum(tf.square(tf.reshape(g, [g.shape[0], -1])), 1);
}

/** One logit per sample as [N]; D outputs of another shape are an error naming the regularizer. */
export function logitPerSample(logits: tf.Tensor, regularizer: string): tf.Tensor {
  const n = logits.shape[0];
  if (logits.size !== n) {
    throw new GantryError("REGULARIZER_LOGIT_SHAPE", `regularizer/${regularizer} needs one logit per sample, D returned shape [${logits.shape}]`, {
      hint: "build the discriminator with output: 1",
    });
  }
  return tf.reshape(logits, [n]);
}
