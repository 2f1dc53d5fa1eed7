// metric/inception-score: IS of `samples` generated samples from the extractor's class logits
// (10 splits by default); mean in values, std, splits, N and the extractor's name in details.
import { z, type FeatureExtractor, type Metric, type Sampler } from "@gantry/core";
import { concatRows } from "./feature-matrix.js";
import { batchFeatures, logitsSpace, samplerSource } from "./feature-stream.js";
import { inceptionScoreFromLogits } from "./inception-score.js";

export const inceptionScoreSchema = z.object({
  samples: z.number().int().min(1).default(10_000),
  splits: z.number().int().min(1).default(10),
  batchSize: z.number().int().min(1).default(100),
});
export type InceptionScoreParams = z.output<typeof inceptionScoreSchema>;

export function inceptionScoreMetric(params: InceptionScoreParams, inputs: { generator: Sampler; extractor?: FeatureExtractor }): Metric {
  const space = logitsSpace(inputs.extractor);
  return {
    name: "inception-score",
    async evaluate(ctx) {
      const parts = [];
      for await (const x of samplerSource(inputs.generator, params.samples, params.batchSize, ctx.rng.split("inception-score"))) {
        parts.push(await batchFeatures(space, x));
      }
      const r = inceptionScoreFromLogits(concatRows(parts), params.splits);
      return { values: { inceptionScore: r.mean, inceptionScoreStd: r.std }, details: { n: r.n, extractor: space.name, splits: [...r.splits] } };
    },
  };
}
