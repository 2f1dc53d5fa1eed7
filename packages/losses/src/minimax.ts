// Minimax loss (Goodfellow et al. 2014, eq. 1) on logits f: D minimises −E log σ(f_r) − E log(1−σ(f_f))
// = E softplus(−f_r) + E softplus(f_f); G minimises E log(1−σ(f_f)) = −E softplus(f_f), the
// *saturating* loss whose gradient −σ(f_f) vanishes when D rejects fakes. See non-saturating.ts.
import { tf, z, type AdversarialLoss } from "@gantry/core";
import { meanSigmoidCrossEntropy } from "./binary-cross-entropy.js";
import { labelSmoothingSchema } from "./label-smoothing.js";

export const minimaxSchema = z.object({ labelSmoothing: labelSmoothingSchema }).strict();
export type MinimaxOptions = z.input<typeof minimaxSchema>;

/** D: binary cross-entropy with real target 1 − labelSmoothing, fake target 0 (shared with non-saturating). */
export function discriminatorCrossEntropy(labelSmoothing: number) {
  return (realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar =>
    tf.tidy(() => tf.add(meanSigmoidCrossEntropy(realLogits, 1 - labelSmoothing), meanSigmoidCrossEntropy(fakeLogits, 0)) as tf.Scalar);
}

export function minimax(options: MinimaxOptions = {}): AdversarialLoss {
  const { labelSmoothing } = minimaxSchema.parse(options);
  return Object.freeze({
    output: "probability" as const,
    discriminator: discriminatorCrossEntropy(labelSmoothing),
    generator: (fakeLogits: tf.Tensor): tf.Scalar =>
      tf.tidy(() => tf.neg(tf.mean(tf.softplus(fakeLogits))) as tf.Scalar),
  });
}
