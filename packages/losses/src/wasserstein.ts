// Wasserstein loss (Arjovsky et al. 2017, eq. 3): critic minimises E f_f − E f_r, G minimises −E f_f.
// The Lipschitz constraint is not here: add weight clipping, a gradient penalty or spectral norm.
import { tf, z, type AdversarialLoss } from "@gantry/core";

export const wassersteinSchema = z.object({}).strict();

export function wasserstein(): AdversarialLoss {
  return Object.freeze({
    output: "critic" as const,
    discriminator: (realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar =>
      tf.tidy(() => tf.sub(tf.mean(fakeLogits), tf.mean(realLogits)) as tf.Scalar),
    generator: (fakeLogits: tf.Tensor): tf.Scalar => tf.tidy(() => tf.neg(tf.mean(fakeLogits)) as tf.Scalar),
  });
}
