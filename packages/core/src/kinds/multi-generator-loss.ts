// Kind `multiGeneratorLoss`: an adversarial loss for k generators against one (k + 1)-way discriminator
// (MAD-GAN, Ghosh et al. 2018), on D's raw logits [N, k + 1]: column 0 is "real", column i + 1 is "made by
// generator i" (0-based i). Binary losses stay `loss` (AdversarialLoss); methods with k generators take this.
import type * as tf from "@tensorflow/tfjs-core";

export interface MultiGeneratorLoss {
  /** k, the number of generators; D must output k + 1 logits per sample. */
  readonly generators: number;
  /** What D minimises: real logits [N, k + 1] and one fake batch [Nᵢ, k + 1] per generator, in order. */
  discriminator(realLogits: tf.Tensor, fakeLogits: readonly tf.Tensor[]): tf.Scalar;
  /**
   * What generator `index` minimises, from D's logits [N, k + 1] on its own fakes. A method whose
   * generators share layers minimises the sum over generators (each term is a mean over its batch).
   */
  generator(index: number, fakeLogits: tf.Tensor): tf.Scalar;
  /** D's softmax probability of "real" (column 0) per row, shape [N]; for diagnostics. */
  realProbability(logits: tf.Tensor): tf.Tensor1D;
}
