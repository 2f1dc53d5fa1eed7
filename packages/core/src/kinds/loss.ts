// Kind `loss`: an adversarial objective on logits (never on probabilities, for numerical stability).
// The generator term also sees real logits, for relativistic losses (ADR 0001).
import type * as tf from "@tensorflow/tfjs-core";

export interface AdversarialLoss {
  /**
   * "probability": logits are log-odds of "real" (minimax, non-saturating, least-squares,
   * relativistic); diagnostics report mean sigmoid and accuracy. "critic": unbounded scores
   * (Wasserstein, hinge); diagnostics report mean critic values and their gap.
   */
  readonly output: "probability" | "critic";
  /**
   * Whether `generator` reads real logits (relativistic losses). Methods pass `realLogits` only when
   * it is true (or when they compute them anyway), so other losses cost no D(real) pass in G's step.
   */
  readonly generatorReadsReal?: boolean;
  discriminator(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar;
  generator(fakeLogits: tf.Tensor, realLogits?: tf.Tensor): tf.Scalar;
}
