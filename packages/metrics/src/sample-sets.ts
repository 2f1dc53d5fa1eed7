// The two feature sets the set-based metrics compare (KID, precision/recall, density/coverage):
// `samples` generated rows and `referenceSamples` rows of the data, each in the chosen feature space.
import { Rng, z, type Dataset, type FeatureExtractor, type MetricContext, type Sampler } from "@gantry/core";
import type { FeatureMatrix } from "./feature-matrix.js";
import { collectFeatures, datasetSource, samplerSource } from "./feature-stream.js";
import { featureSpace } from "./metric-ports.js";

export const sampleSetSchema = z.object({
  samples: z.number().int().min(2).default(5_000),
  referenceSamples: z.number().int().min(2).default(5_000),
  batchSize: z.number().int().min(1).default(100),
  seed: z.number().int().default(0),
});
export type SampleSetParams = z.output<typeof sampleSetSchema>;

export interface SetInputs {
  readonly generator: Sampler;
  readonly data: Dataset;
  readonly extractor?: FeatureExtractor;
}

export interface SampleSets {
  readonly real: FeatureMatrix;
  readonly fake: FeatureMatrix;
  readonly extractor: string;
}

/** Returns a function that draws fresh generated features each call and the reference features once. */
export function sampleSets(params: SampleSetParams, inputs: SetInputs, purpose: string): (ctx: MetricContext) => Promise<SampleSets> {
  const space = featureSpace(inputs.extractor);
  let real: Promise<FeatureMatrix> | undefined;
  return async (ctx) => {
    real ??= collectFeatures(datasetSource(inputs.data, params.referenceSamples, params.batchSize, Rng.seeded(params.seed).nextSeed()), space);
    const fake = await collectFeatures(samplerSource(inputs.generator, params.samples, params.batchSize, ctx.rng.split(purpose)), space);
    return { real: await real, fake, extractor: space.name };
  };
}
