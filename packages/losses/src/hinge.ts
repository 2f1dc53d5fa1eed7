// Hinge loss (Lim & Ye 2017; Miyato et al. 2018, eq. 16–17): D minimises E relu(1 − f_r) + E relu(1 + f_f),
// G minimises −E f_f. Scores are unbounded critic values, not log-odds.
import { tf, z, type AdversarialLoss } from "@gantry/core";

export const hingeSchema = z.object({}).strict();

export function hinge(): AdversarialLoss {
  return Object.freeze({
    output: "critic" as const,
    discriminator: (realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar =>
      tf.tidy(() => tf.add(
        tf.mean(tf.relu(tf.sub(1, realLogits))),
        tf.mean(tf.relu(tf.add(1, fakeLogits))),
      ) as tf.Scalar),
    generator: (fakeLogits: tf.Tensor): tf.Scalar => tf.tidy(() => tf.neg(tf.mean(fakeLogits)) as tf.Scalar),
  });
}
