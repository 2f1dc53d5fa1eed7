// Diagnostics of a step as scalar tensors (read once per step, docs/architecture.md): for probability losses
// mean σ(D(real)), mean σ(D(fake)) and D's accuracy (logit > 0 ⇔ "real"); for critic losses mean
// critic values and their gap; global and optional per-layer gradient norms.
import { globalNorm, tf, type AdversarialLoss, type Params } from "@gantry/core";

export type ScalarStats = Record<string, tf.Scalar>;

const meanOf = (t: tf.Tensor): tf.Scalar => tf.mean(t) as tf.Scalar;

/** dReal, dFake, dAccuracy (probability) or criticReal, criticFake, criticGap (critic). */
export function discriminatorOutputStats(output: AdversarialLoss["output"], realLogits: tf.Tensor, fakeLogits: tf.Tensor): ScalarStats {
  if (output === "critic") {
    const criticReal = meanOf(realLogits);
    const criticFake = meanOf(fakeLogits);
    return { criticReal, criticFake, criticGap: tf.sub(criticReal, criticFake) as tf.Scalar };
  }
  const realRight = tf.sum(tf.cast(tf.greater(realLogits, 0), "float32"));
  const fakeRight = tf.sum(tf.cast(tf.lessEqual(fakeLogits, 0), "float32"));
  return {
    dReal: meanOf(tf.sigmoid(realLogits)),
    dFake: meanOf(tf.sigmoid(fakeLogits)),
    dAccuracy: tf.div(tf.add(realRight, fakeRight), realLogits.size + fakeLogits.size) as tf.Scalar,
  };
}

/** `name` = ‖grads‖ over all params, and `name/<param>` for each param when perLayer. */
export function gradientNormStats(name: string, grads: Params, perLayer: boolean): ScalarStats {
  const stats: ScalarStats = { [name]: globalNorm(grads) };
  if (perLayer) for (const p of Object.keys(grads).sort()) stats[`${name}/${p}`] = tf.norm(grads[p]) as tf.Scalar;
  return stats;
}
