// Streams samples (from a Sampler or a Dataset) through a feature space in batches and hands back
// float32 feature blocks; each batch's tensors are disposed before the next is drawn, so N is bounded
// by time, not memory. It does not compute statistics (see running-moments.ts).
import { GantryError, tf, type Dataset, type FeatureExtractor, type Rng, type Sampler } from "@gantry/core";
import { concatRows, featureMatrix, type FeatureMatrix } from "./feature-matrix.js";
import { RunningMoments } from "./running-moments.js";

/** Maps a batch of samples [N, ...] to features [N, dim]; `name` is reported with every number. */
export interface FeatureSpace {
  readonly name: string;
  features(x: tf.Tensor): tf.Tensor2D;
}

/** The extractor's penultimate features. */
export function extractorSpace(extractor: FeatureExtractor): FeatureSpace {
  return { name: extractor.name, features: (x) => extractor.features(x) };
}

/** Raw samples flattened (pixels, or 2-D mixture points): the space when no extractor is bound. */
export const rawSpace: FeatureSpace = { name: "raw", features: (x) => tf.reshape(x, [x.shape[0], -1]) as tf.Tensor2D };

/** The extractor's class logits (for the Inception Score). */
export function logitsSpace(extractor: FeatureExtractor | undefined): FeatureSpace {
  const logits = extractor?.logits?.bind(extractor);
  if (!extractor || !logits) {
    throw new GantryError("METRIC_NEEDS_CLASSIFIER", `the inception score needs class logits, and ${extractor ? `"${extractor.name}" has none` : "no extractor is bound"}`, {
      hint: "bind extractor to featureExtractor/domain-classifier (@gantry/models) or featureExtractor/inception-v3",
    });
  }
  return { name: extractor.name, features: logits };
}

/** Batches of tensors; the consumer disposes each. */
export type SampleSource = AsyncIterable<tf.Tensor>;

/** n generated samples in batches, each with a seed from `rng` (same rng state → same samples). */
export async function* samplerSource(sampler: Sampler, n: number, batchSize: number, rng: Rng): SampleSource {
  for (let done = 0; done < n; done += batchSize) yield sampler.sample(Math.min(batchSize, n - done), rng.nextSeed());
}

/** Up to n samples from one epoch of a dataset (all of it when n is undefined); labels are disposed. */
export async function* datasetSource(data: Dataset, n: number | undefined, batchSize: number, seed: number): SampleSource {
  if (n === undefined && data.info.size === undefined) {
    throw new GantryError("METRIC_UNBOUNDED_DATA", `data set "${data.info.name}" is unbounded: a whole epoch of it never ends`, {
      hint: "set the metric's referenceSamples (how many data samples to read), or give the data set a size",
    });
  }
  let done = 0;
  for await (const batch of data.stream({ batchSize, seed, repeat: false, dropLast: false })) {
    batch.y?.dispose();
    const take = n === undefined ? batch.x.shape[0] : Math.min(batch.x.shape[0], n - done);
    if (take === batch.x.shape[0]) yield batch.x;
    else {
      yield tf.slice(batch.x, 0, take);
      batch.x.dispose();
    }
    done += take;
    if (n !== undefined && done >= n) return;
  }
}

/** One batch's features as float32 rows (the batch tensor is disposed). */
export async function batchFeatures(space: FeatureSpace, x: tf.Tensor): Promise<FeatureMatrix> {
  const f = tf.tidy(() => space.features(x));
  x.dispose();
  const data = (await f.data()) as Float32Array;
  const [rows, dim] = f.shape;
  f.dispose();
  return featureMatrix(data, rows, dim);
}

/** Running float64 mean/covariance of a source's features. */
export async function streamMoments(source: SampleSource, space: FeatureSpace): Promise<RunningMoments> {
  let moments: RunningMoments | undefined;
  for await (const x of source) {
    const f = await batchFeatures(space, x);
    moments ??= new RunningMoments(f.dim);
    moments.update(f);
  }
  if (!moments) throw noSamples();
  return moments;
}

/** All of a source's features in memory (k-NN metrics need every row). */
export async function collectFeatures(source: SampleSource, space: FeatureSpace): Promise<FeatureMatrix> {
  const parts: FeatureMatrix[] = [];
  for await (const x of source) parts.push(await batchFeatures(space, x));
  if (parts.length === 0) throw noSamples();
  return concatRows(parts);
}

function noSamples(): GantryError {
  return new GantryError("METRIC_NO_SAMPLES", "the sample source produced no samples", {
    hint: "check the dataset is not empty and the metric's samples parameter is positive",
  });
}
