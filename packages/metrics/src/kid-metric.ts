// metric/kid: Kernel Inception Distance between generated and reference features, mean ± std over
// random subsets (100 of size 1000 by default, clamped to the set sizes).
import { z, type Metric } from "@gantry/core";
import { kernelInceptionDistance } from "./kernel-inception-distance.js";
import { sampleSetSchema, sampleSets, type SetInputs } from "./sample-sets.js";

export const kidSchema = sampleSetSchema.extend({
  subsets: z.number().int().min(1).default(100),
  subsetSize: z.number().int().min(2).default(1000),
});
export type KidParams = z.output<typeof kidSchema>;

export function kidMetric(params: KidParams, inputs: SetInputs): Metric {
  const sets = sampleSets(params, inputs, "kid");
  return {
    name: "kid",
    async evaluate(ctx) {
      const { real, fake, extractor } = await sets(ctx);
      const r = kernelInceptionDistance(fake, real, { subsets: params.subsets, subsetSize: params.subsetSize, rng: ctx.rng.split("kid-subsets"), linearAlgebra: ctx.linearAlgebra });
      return { values: { kid: r.mean, kidStd: r.std }, details: { n: fake.rows, referenceN: real.rows, extractor, subsets: r.subsets, subsetSize: r.subsetSize } };
    },
  };
}
