// MAD-GAN loss (Ghosh et al. 2018, "Multi-Agent Diverse GANs"): D is a (k + 1)-way softmax classifier
// (column 0 real, column i + 1 generator i); each generator minimises −E log D_real(Gᵢ(z)), the
// non-saturating form the authors' code trains with. Not MAD-GAN-Sim's similarity term; no network sharing.
import { GantryError, tf, z } from "@gantry/core";
import { labelSmoothingSchema } from "./label-smoothing.js";
import { assertClassLogits, assertFakeBatches, assertGeneratorIndex, type MultiGeneratorLoss } from "./multi-generator-loss.js";
import { logSoftmax, meanSoftmaxCrossEntropy } from "./softmax-cross-entropy.js";

export const madGanSchema = z.object({
  generators: z.number().int().min(1).describe("k, the number of generators; D outputs k + 1 logits"),
  labelSmoothing: labelSmoothingSchema,
}).strict();
export type MadGanOptions = z.input<typeof madGanSchema>;

/**
 * D minimises CE(real, t) + Σᵢ CE(fakeᵢ, e_{i+1}), each CE a mean over its own batch, where
 * t = (1 − s, s/k, …, s/k) is one-sided label smoothing spread over the generator classes. Each source
 * weighs the same whatever its batch size (the paper's optimal D_real = p_data / (p_data + Σ p_gᵢ)).
 * For k = 1 this is the binary minimax D loss on φ = l₀ − l₁ (README, "k = 1").
 */
function discriminatorLoss(k: number, s: number) {
  const realTarget = [1 - s, ...Array.from({ length: k }, () => s / k)];
  const oneHot = (c: number): number[] => Array.from({ length: k + 1 }, (_, j) => (j === c ? 1 : 0));
  return (realLogits: tf.Tensor, fakeLogits: readonly tf.Tensor[]): tf.Scalar => {
    assertClassLogits(realLogits, k, "realLogits");
    assertFakeBatches(fakeLogits, k);
    return tf.tidy(() => tf.addN([
      meanSoftmaxCrossEntropy(realLogits, realTarget),
      ...fakeLogits.map((f, i) => meanSoftmaxCrossEntropy(f, oneHot(i + 1))),
    ]) as tf.Scalar);
  };
}

/** Gᵢ minimises E[logSumExp(l) − l₀] = −E log D_real; for k = 1 that is E softplus(−φ), the non-saturating G loss. */
function generatorLoss(k: number) {
  return (index: number, fakeLogits: tf.Tensor): tf.Scalar => {
    assertGeneratorIndex(index, k);
    assertClassLogits(fakeLogits, k, "fakeLogits");
    return tf.tidy(() => tf.neg(tf.mean(realColumn(logSoftmax(fakeLogits)))) as tf.Scalar);
  };
}

/** Column 0 of [N, C] as [N]. */
function realColumn(x: tf.Tensor): tf.Tensor1D {
  return tf.reshape(tf.slice(x, [0, 0], [-1, 1]), [-1]);
}

/** Options parsed into a PARAMS_INVALID GantryError that names the field (e.g. generators: 0). */
function parseOptions(options: MadGanOptions): z.output<typeof madGanSchema> {
  const result = madGanSchema.safeParse(options);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join(".") || "options";
  throw new GantryError("PARAMS_INVALID", `madGan: ${field}: ${issue.message}`, {
    where: { field },
    hint: "generators is an integer ≥ 1 (k); labelSmoothing is in [0, 1)",
  });
}

export function madGan(options: MadGanOptions): MultiGeneratorLoss {
  const { generators: k, labelSmoothing } = parseOptions(options);
  return Object.freeze({
    generators: k,
    discriminator: discriminatorLoss(k, labelSmoothing),
    generator: generatorLoss(k),
    realProbability: (logits: tf.Tensor): tf.Tensor1D => {
      assertClassLogits(logits, k, "logits");
      return tf.tidy(() => tf.exp(realColumn(logSoftmax(logits))));
    },
  });
}
