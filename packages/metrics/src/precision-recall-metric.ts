// metric/precision-recall: improved precision and recall (k = 3) of generated vs reference features.
import { z, type Metric } from "@gantry/core";
import { precisionRecall } from "./precision-recall.js";
import { sampleSetSchema, sampleSets, type SetInputs } from "./sample-sets.js";

export const precisionRecallSchema = sampleSetSchema.extend({ k: z.number().int().min(1).default(3) });
export type PrecisionRecallParams = z.output<typeof precisionRecallSchema>;

export function precisionRecallMetric(params: PrecisionRecallParams, inputs: SetInputs): Metric {
  const sets = sampleSets(params, inputs, "precision-recall");
  return {
    name: "precision-recall",
    async evaluate(ctx) {
      const { real, fake, extractor } = await sets(ctx);
      const r = precisionRecall(real, fake, params.k);
      return { values: { precision: r.precision, recall: r.recall }, details: { n: fake.rows, referenceN: real.rows, extractor, k: params.k } };
    },
  };
}
