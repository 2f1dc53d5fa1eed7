// metric/fid: FID of `samples` generated samples (10 000 by default) against the data's reference
// statistics, streamed in batches; the reference is computed once per metric (and once per file when
// `statistics` names a path, then reused). Every result carries N and the extractor's name. Statistics by
// name go through a StatisticsStore (files: @gantry/metrics/node); without one, `statistics` is an error.
import { GantryError, Rng, z, type Dataset, type FeatureExtractor, type Metric, type MetricContext, type MetricResult, type Sampler } from "@gantry/core";
import { datasetSource, samplerSource, streamMoments, type FeatureSpace } from "./feature-stream.js";
import { frechetDistance } from "./frechet-distance.js";
import { jsLinearAlgebra } from "./js-linear-algebra.js";
import { featureSpace } from "./metric-ports.js";
import type { SavedStatistics, StatisticsStore } from "./statistics-file.js";

export const fidSchema = z.object({
  samples: z.number().int().min(2).default(10_000),
  batchSize: z.number().int().min(1).default(100),
  /** Reference samples from the data (default: one whole epoch of a finite data set; `samples` of an unbounded one). */
  referenceSamples: z.number().int().min(2).optional(),
  /** A statistics file: read when it exists, else computed from the data and written there. */
  statistics: z.string().optional(),
  /** εI added to both covariances only if the exact FID's square root is non-finite (pytorch-fid's fallback); 0: no fallback, an error. */
  epsilon: z.number().min(0).default(1e-6),
  seed: z.number().int().default(0),
});
export type FidParams = z.output<typeof fidSchema>;

export interface FidInputs {
  readonly generator: Sampler;
  readonly data?: Dataset;
  readonly extractor?: FeatureExtractor;
}

/** `store` keeps `params.statistics` (in Node: @gantry/metrics/node's fileStatisticsStore). */
export function fidMetric(params: FidParams, inputs: FidInputs, store?: StatisticsStore): Metric {
  const space = featureSpace(inputs.extractor);
  let reference: Promise<SavedStatistics> | undefined;
  return {
    name: "fid",
    async evaluate(ctx: MetricContext): Promise<MetricResult> {
      reference ??= referenceStatistics(params, inputs.data, space, store);
      const ref = await reference;
      if (ref.extractor !== space.name) {
        throw new GantryError("FID_EXTRACTOR_MISMATCH", `reference statistics come from "${ref.extractor}", samples from "${space.name}"`, {
          where: { field: "params.statistics" }, hint: "delete the statistics file or bind the same extractor; FIDs from different extractors are not comparable",
        });
      }
      const rng = ctx.rng.split("fid");
      const gen = (await streamMoments(samplerSource(inputs.generator, params.samples, params.batchSize, rng), space)).statistics();
      const r = frechetDistance(gen, ref.statistics, { epsilon: params.epsilon, linearAlgebra: ctx.linearAlgebra });
      return {
        values: { fid: r.fid },
        details: {
          n: gen.n, referenceN: ref.statistics.n, extractor: space.name, featureDim: gen.dim,
          meanTerm: r.meanTerm, traceTerm: r.traceTerm, epsilon: r.epsilon, linearAlgebra: (ctx.linearAlgebra ?? jsLinearAlgebra).name,
          clampedEigenvalues: r.clampedEigenvalues, mostNegativeEigenvalue: r.mostNegativeEigenvalue, warnings: [...r.warnings],
        },
      };
    },
  };
}

async function referenceStatistics(params: FidParams, data: Dataset | undefined, space: FeatureSpace, store?: StatisticsStore): Promise<SavedStatistics> {
  if (params.statistics !== undefined && !store) {
    throw new GantryError("FID_NO_STATISTICS_STORE", `FID cannot keep statistics "${params.statistics}": no statistics store was given`, {
      where: { field: "params.statistics" },
      hint: "in Node, register @gantry/metrics/node's metricsPlugin (or pass fileStatisticsStore to fidMetric); in a page, pass a StatisticsStore or omit statistics",
    });
  }
  const stored = params.statistics === undefined ? undefined : await store?.load(params.statistics);
  if (stored) return stored;
  if (!data) {
    throw new GantryError("FID_NO_REFERENCE", "FID needs reference data or a saved statistics file", {
      where: { field: "with.data" }, hint: "bind data to the training set, or set params.statistics to an existing statistics file",
    });
  }
  // An unbounded data set (a ring or grid without `size`) has no epoch to read whole: as many as generated.
  const n = params.referenceSamples ?? (data.info.size === undefined ? params.samples : undefined);
  const source = datasetSource(data, n, params.batchSize, Rng.seeded(params.seed).nextSeed());
  const saved = { statistics: (await streamMoments(source, space)).statistics(), extractor: space.name };
  if (params.statistics !== undefined) await store?.save(params.statistics, saved);
  return saved;
}
