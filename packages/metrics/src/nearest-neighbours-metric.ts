// metric/nearest-neighbours: for a few real images, their nearest generated images; for a few generated
// images, their nearest training images (a memorisation check: near-copies show up as tiny distances).
// Euclidean in pixel space or in the extractor's feature space; both tables rendered as PNG grids.
import { Rng, tf, z, type Dataset, type FeatureExtractor, type Metric, type Sampler } from "@gantry/core";
import { concatRows, selectRows, type FeatureMatrix } from "./feature-matrix.js";
import { batchFeatures, datasetSource, rawSpace, samplerSource, type FeatureSpace, type SampleSource } from "./feature-stream.js";
import { renderNeighbourGrid } from "./image-grid.js";
import { featureSpace } from "./metric-ports.js";
import { nearestNeighbours, type NeighbourTable } from "./neighbour-distances.js";

export const nearestNeighboursSchema = z.object({
  queries: z.number().int().min(1).default(8),
  neighbours: z.number().int().min(1).default(8),
  /** Generated pool searched for each real query. */
  samples: z.number().int().min(1).default(1000),
  /** Training pool searched for each generated query (the memorisation check). */
  trainingSamples: z.number().int().min(1).default(10_000),
  space: z.enum(["pixels", "features"]).default("pixels"),
  batchSize: z.number().int().min(1).default(100),
  seed: z.number().int().default(0),
});
export type NearestNeighboursParams = z.output<typeof nearestNeighboursSchema>;

interface Pool {
  readonly images: FeatureMatrix;
  readonly points: FeatureMatrix;
}

async function collectPool(source: SampleSource, space: FeatureSpace | undefined): Promise<Pool> {
  const images: FeatureMatrix[] = [];
  const points: FeatureMatrix[] = [];
  for await (const x of source) {
    if (space) points.push(await batchFeatures(space, tf.clone(x)));
    images.push(await batchFeatures(rawSpace, x));
  }
  const all = concatRows(images);
  return { images: all, points: space ? concatRows(points) : all };
}

const firstRows = (n: number, m: FeatureMatrix): number[] => Array.from({ length: Math.min(n, m.rows) }, (_, i) => i);
const meanFirst = (t: NeighbourTable): number => t.distances.reduce((s, d) => s + d[0], 0) / t.distances.length;

export function nearestNeighboursMetric(params: NearestNeighboursParams, inputs: { generator: Sampler; data: Dataset; extractor?: FeatureExtractor }): Metric {
  const space = params.space === "features" ? featureSpace(inputs.extractor) : undefined;
  const imageShape = inputs.data.info.sampleShape;
  let training: Promise<Pool> | undefined;
  return {
    name: "nearest-neighbours",
    async evaluate(ctx) {
      training ??= collectPool(datasetSource(inputs.data, params.trainingSamples, params.batchSize, Rng.seeded(params.seed).nextSeed()), space);
      const real = await training;
      const gen = await collectPool(samplerSource(inputs.generator, params.samples, params.batchSize, ctx.rng.split("nearest-neighbours")), space);
      const realIdx = firstRows(params.queries, real.points);
      const genIdx = firstRows(params.queries, gen.points);
      const toGenerated = nearestNeighbours(selectRows(real.points, realIdx), gen.points, params.neighbours);
      const toTraining = nearestNeighbours(selectRows(gen.points, genIdx), real.points, params.neighbours);
      const grid = (q: FeatureMatrix, pool: FeatureMatrix, t: NeighbourTable) => renderNeighbourGrid(q, pool, t, { imageShape });
      return {
        values: { meanNearestGenerated: meanFirst(toGenerated), meanNearestTraining: meanFirst(toTraining) },
        details: {
          space: space ? space.name : "pixels", n: gen.points.rows, referenceN: real.points.rows,
          realToGenerated: { queries: realIdx, indices: toGenerated.indices.map((r) => [...r]), distances: toGenerated.distances.map((r) => [...r]) },
          generatedToTraining: { queries: genIdx, indices: toTraining.indices.map((r) => [...r]), distances: toTraining.distances.map((r) => [...r]) },
        },
        images: [
          { name: "nearest-generated.png", png: grid(selectRows(real.images, realIdx), gen.images, toGenerated) },
          { name: "nearest-training.png", png: grid(selectRows(gen.images, genIdx), real.images, toTraining) },
        ],
      };
    },
  };
}
