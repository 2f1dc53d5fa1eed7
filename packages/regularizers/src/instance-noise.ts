// Instance noise (Arjovsky & Bottou 2017, §4; Sønderby et al. 2017): Gaussian N(0, σ_t²) added to
// every input D sees, real and fake, in D and G steps. When real and fake supports are disjoint an
// optimal D saturates and G's gradient vanishes; noise makes the two distributions overlap, so D stays
// smooth and G keeps a signal. σ_t anneals (default: linearly from 0.1 to 0 over the run) so the
// noise does not blur the final samples. Noise comes from the regularizer's own seeded stream.
import { runScheduleSchema, scheduleValue, tf, z, type Regularizer, type RegularizerStepContext } from "@gantry/core";
import { parseRegularizerOptions, type RegularizerIdentity } from "./regularizer-options.js";

export const instanceNoiseSchema = z.object({
  std: runScheduleSchema.default({ linear: { from: 0.1, to: 0 } })
    .describe("σ_t of the noise; a run schedule (steps omitted = the whole run); default linear 0.1 → 0"),
}).strict();

export type InstanceNoiseOptions = z.input<typeof instanceNoiseSchema> & RegularizerIdentity;

export function instanceNoise(options: InstanceNoiseOptions = {}): Regularizer {
  const { params, identity } = parseRegularizerOptions("instance-noise", instanceNoiseSchema, options);
  return Object.freeze({
    name: "instance-noise",
    ...identity,
    transformInput(x: tf.Tensor, ctx: RegularizerStepContext): tf.Tensor {
      const std = scheduleValue(params.std, ctx.step, ctx.totalSteps);
      if (std === 0) return x;
      return tf.tidy(() => tf.add(x, ctx.rng.normal(x.shape, 0, std)));
    },
  });
}
