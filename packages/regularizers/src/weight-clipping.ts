// Weight clipping (Arjovsky et al. 2017, Algorithm 1): after every critic update, every parameter is
// clamped to [−c, c] (c = 0.01 in the paper), a crude way to keep the critic K-Lipschitz so the
// Wasserstein estimate stays bounded. Simple and cheap; it biases the critic towards simple functions
// and is sensitive to c — the gradient penalty is the usual replacement.
import { mapParams, tf, z, type Params, type Regularizer } from "@gantry/core";
import { parseRegularizerOptions, type RegularizerIdentity } from "./regularizer-options.js";

export const weightClippingSchema = z.object({
  limit: z.number().positive().default(0.01).describe("c: every D parameter is clamped to [−c, c] after each update"),
}).strict();

export type WeightClippingOptions = z.input<typeof weightClippingSchema> & RegularizerIdentity;

export function weightClipping(options: WeightClippingOptions = {}): Regularizer {
  const { params, identity } = parseRegularizerOptions("weight-clipping", weightClippingSchema, options);
  const c = params.limit;
  return Object.freeze({
    name: "weight-clipping",
    ...identity,
    postUpdate: (p: Params): Params => mapParams(p, (t) => tf.clipByValue(t, -c, c)),
  });
}
