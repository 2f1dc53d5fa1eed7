// Relativistic average loss (RaGAN, Jolicoeur-Martineau 2018, eq. 13–14, "RaSGAN"): D judges whether
// real data is more realistic than the average fake: D minimises E softplus(−(f_r − E f_f)) +
// E softplus(f_f − E f_r); G minimises the same with real and fake swapped. Needs real logits in G's step.
import { GantryError, tf, z, type AdversarialLoss } from "@gantry/core";
import { meanSigmoidCrossEntropy } from "./binary-cross-entropy.js";

export const relativisticAverageSchema = z.object({}).strict();

/** BCE that `a` is more realistic than the average of `b` (target 1) plus that `b` is less than `a`'s (target 0). */
function relativisticCrossEntropy(a: tf.Tensor, b: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.add(
    meanSigmoidCrossEntropy(tf.sub(a, tf.mean(b)), 1),
    meanSigmoidCrossEntropy(tf.sub(b, tf.mean(a)), 0),
  ) as tf.Scalar);
}

export function relativisticAverage(): AdversarialLoss {
  return Object.freeze({
    output: "probability" as const,
    generatorReadsReal: true,
    discriminator: (realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar => relativisticCrossEntropy(realLogits, fakeLogits),
    generator: (fakeLogits: tf.Tensor, realLogits?: tf.Tensor): tf.Scalar => {
      if (!realLogits) {
        throw new GantryError("LOSS_NEEDS_REAL", "relativistic-average: the generator loss needs real logits", {
          hint: "the method must pass realLogits when loss.generatorReadsReal is true",
        });
      }
      return relativisticCrossEntropy(fakeLogits, realLogits);
    },
  });
}
