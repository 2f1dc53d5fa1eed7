// Non-saturating ("modified minimax") loss (Goodfellow et al. 2014, §3): D as in minimax; G minimises
// −E log σ(f_f) = E softplus(−f_f), whose gradient −σ(−f_f) is largest exactly when D rejects fakes.
import { tf, z, type AdversarialLoss } from "@gantry/core";
import { meanSigmoidCrossEntropy } from "./binary-cross-entropy.js";
import { labelSmoothingSchema } from "./label-smoothing.js";
import { discriminatorCrossEntropy } from "./minimax.js";

export const nonSaturatingSchema = z.object({ labelSmoothing: labelSmoothingSchema }).strict();
export type NonSaturatingOptions = z.input<typeof nonSaturatingSchema>;

export function nonSaturating(options: NonSaturatingOptions = {}): AdversarialLoss {
  const { labelSmoothing } = nonSaturatingSchema.parse(options);
  return Object.freeze({
    output: "probability" as const,
    discriminator: discriminatorCrossEntropy(labelSmoothing),
    generator: (fakeLogits: tf.Tensor): tf.Scalar => meanSigmoidCrossEntropy(fakeLogits, 1),
  });
}
