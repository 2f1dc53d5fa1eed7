// metric/mode-coverage: modes captured, share of high-quality samples and KL(mode histogram ‖ uniform)
// for generators of synthetic mixtures (the dataset's `info.mixture` gives centres and σ).
import { GantryError, z, type Dataset, type Metric, type Sampler } from "@gantry/core";
import { collectFeatures, rawSpace, samplerSource } from "./feature-stream.js";
import { modeCoverage } from "./mode-coverage.js";

export const modeCoverageSchema = z.object({
  samples: z.number().int().min(1).default(2500),
  sigmas: z.number().positive().default(3),
  minCount: z.number().int().min(1).default(1),
  batchSize: z.number().int().min(1).default(500),
});
export type ModeCoverageParams = z.output<typeof modeCoverageSchema>;

export function modeCoverageMetric(params: ModeCoverageParams, inputs: { generator: Sampler; data: Dataset }): Metric {
  const mixture = inputs.data.info.mixture;
  if (!mixture) {
    throw new GantryError("MODE_COVERAGE_NO_MIXTURE", `dataset "${inputs.data.info.name}" is not a synthetic mixture (no info.mixture)`, {
      where: { field: "with.data" }, hint: "mode coverage needs a mixture dataset such as dataset/ring or dataset/grid",
    });
  }
  return {
    name: "mode-coverage",
    async evaluate(ctx) {
      const samples = await collectFeatures(samplerSource(inputs.generator, params.samples, params.batchSize, ctx.rng.split("mode-coverage")), rawSpace);
      const r = modeCoverage(samples, mixture, { sigmas: params.sigmas, minCount: params.minCount });
      return {
        values: { modes: r.modesCaptured, highQuality: r.highQuality, klToUniform: r.klToUniform },
        details: { n: samples.rows, totalModes: r.totalModes, radius: r.radius, sigmas: params.sigmas, minCount: params.minCount, counts: [...r.counts] },
      };
    },
  };
}
