// clipByGlobalNorm: a gradient transform (optax.clip_by_global_norm): when ‖g‖ over all params
// exceeds maxNorm, every gradient is scaled by maxNorm/‖g‖. Its "updates" are the clipped
// gradients, for the next transform of a `chain`. Stateless. Unlike torch's clip_grad_norm_ it adds
// no 1e-6 to the norm. Differentiating through it at g = 0 exactly gives NaN (√ at 0).
import * as tf from "@tensorflow/tfjs-core";
import { z } from "zod";
import type { Optimizer } from "../kinds/optimizer.js";
import { globalNorm, mapParams } from "../params.js";
import { parseOptimizerOptions } from "./optimizer-options.js";

export const clipByGlobalNormSchema = z.object({ maxNorm: z.number().positive() }).strict();

export function clipByGlobalNorm(maxNorm: number): Optimizer {
  const o = parseOptimizerOptions(clipByGlobalNormSchema, { maxNorm }, "clipByGlobalNorm");
  return {
    init: () => ({}),
    update: (grads) => tf.tidy(() => {
      // maxNorm / max(‖g‖, maxNorm) is 1 below the threshold and maxNorm/‖g‖ above it.
      const scale = tf.div(o.maxNorm, tf.maximum(globalNorm(grads), o.maxNorm));
      return { updates: mapParams(grads, (g) => tf.mul(g, scale)), state: {} };
    }),
  };
}
