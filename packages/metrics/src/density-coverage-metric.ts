// metric/density-coverage: density and coverage (k = 5) of generated vs reference features.
import { z, type Metric } from "@gantry/core";
import { densityCoverage } from "./density-coverage.js";
import { sampleSetSchema, sampleSets, type SetInputs } from "./sample-sets.js";

export const densityCoverageSchema = sampleSetSchema.extend({ k: z.number().int().min(1).default(5) });
export type DensityCoverageParams = z.output<typeof densityCoverageSchema>;

export function densityCoverageMetric(params: DensityCoverageParams, inputs: SetInputs): Metric {
  const sets = sampleSets(params, inputs, "density-coverage");
  return {
    name: "density-coverage",
    async evaluate(ctx) {
      const { real, fake, extractor } = await sets(ctx);
      const r = densityCoverage(real, fake, params.k);
      return { values: { density: r.density, coverage: r.coverage }, details: { n: fake.rows, referenceN: real.rows, extractor, k: params.k } };
    },
  };
}
