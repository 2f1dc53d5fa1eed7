// The multi-generator loss contract (k generators, one D with k + 1 logits per sample, as in MAD-GAN,
// Ghosh et al. 2018) and the shape checks every such loss and diagnostic shares. Column convention:
// column 0 = "real", column i + 1 = "made by generator i" (0-based i). Binary losses stay AdversarialLoss.
import { GantryError, type tf } from "@gantry/core";

/** The contract is core's kind `multiGeneratorLoss`; re-exported here, where its implementations live. */
export type { MultiGeneratorLoss } from "@gantry/core";

const REAL_COLUMN_HINT = "column 0 is real, column i + 1 is generator i";

/** Throws unless `logits` is [N ≥ 1, k + 1]; `label` names the argument in the message. */
export function assertClassLogits(logits: tf.Tensor, generators: number, label: string): void {
  const classes = generators + 1;
  if (logits.rank === 2 && logits.shape[1] === classes && logits.shape[0] > 0) return;
  throw new GantryError("LOSS_LOGITS_SHAPE",
    `${label} has shape [${logits.shape.join(", ")}]; a ${generators}-generator loss needs [N ≥ 1, ${classes}] (${REAL_COLUMN_HINT})`, {
      where: { field: label },
      hint: `build the discriminator with output: ${classes} (k + 1 logits for k = ${generators} generators)`,
    });
}

/** Throws unless there is exactly one fake batch per generator, each [Nᵢ ≥ 1, k + 1]. */
export function assertFakeBatches(fakeLogits: readonly tf.Tensor[], generators: number): void {
  if (fakeLogits.length !== generators) {
    throw new GantryError("LOSS_FAKE_BATCHES",
      `fakeLogits has ${fakeLogits.length} batch(es); a ${generators}-generator loss needs one per generator, in generator order`, {
        where: { field: "fakeLogits" },
        hint: `pass [D(G₀(z)), …, D(G${generators - 1}(z))], or create the loss with generators: ${fakeLogits.length}`,
      });
  }
  fakeLogits.forEach((f, i) => assertClassLogits(f, generators, `fakeLogits[${i}]`));
}

/** Throws unless `index` is an integer generator index in [0, k). */
export function assertGeneratorIndex(index: number, generators: number): void {
  if (Number.isInteger(index) && index >= 0 && index < generators) return;
  throw new GantryError("LOSS_GENERATOR_INDEX", `generator index ${index} is not one of 0 … ${generators - 1}`, {
    where: { field: "index" },
    hint: `generators are numbered from 0; this loss was created with generators: ${generators}`,
  });
}
