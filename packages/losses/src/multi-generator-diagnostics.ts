// Diagnostics for a (k + 1)-way discriminator (column 0 real, column i + 1 generator i): each
// generator's share of D's "real" vote, and D's class accuracy. Scalars to log, not losses: the
// accuracy has no gradient, and neither is meant to be differentiated.
import { GantryError, tf } from "@gantry/core";
import { assertClassLogits, assertFakeBatches } from "./multi-generator-loss.js";
import { logSoftmax } from "./softmax-cross-entropy.js";

/**
 * For each generator i, the mean softmax probability of "real" that D gives its fakes: near 0 when D
 * sees through Gᵢ, near 1/(k + 1) at the paper's equilibrium (mixture of generators = data).
 */
export function realVoteShares(fakeLogits: readonly tf.Tensor[]): tf.Scalar[] {
  generatorCount(fakeLogits);
  return fakeLogits.map((f) => tf.tidy(() => tf.mean(tf.exp(tf.slice(logSoftmax(f), [0, 0], [-1, 1]))) as tf.Scalar));
}

/**
 * D's (k + 1)-way accuracy: the fraction of rows whose largest logit is their own class (real → 0,
 * generator i → i + 1), averaged over the k + 1 sources so each weighs the same, as in D's loss.
 * Ties go to the lower column (tf.argMax).
 */
export function multiGeneratorAccuracy(realLogits: tf.Tensor, fakeLogits: readonly tf.Tensor[]): tf.Scalar {
  const k = generatorCount(fakeLogits);
  assertClassLogits(realLogits, k, "realLogits");
  return tf.tidy(() => {
    const hit = (logits: tf.Tensor, c: number) => tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), c), "float32"));
    return tf.div(tf.addN([hit(realLogits, 0), ...fakeLogits.map((f, i) => hit(f, i + 1))]), k + 1) as tf.Scalar;
  });
}

/** k from the number of fake batches (≥ 1); each batch must then have k + 1 columns, which catches a wrong count. */
function generatorCount(fakeLogits: readonly tf.Tensor[]): number {
  const k = fakeLogits.length;
  if (k === 0) {
    throw new GantryError("LOSS_FAKE_BATCHES", "fakeLogits is empty; pass one batch of D's logits per generator", {
      where: { field: "fakeLogits" },
      hint: "pass [D(G₀(z)), …, D(Gₖ₋₁(z))] in generator order",
    });
  }
  assertFakeBatches(fakeLogits, k);
  return k;
}
