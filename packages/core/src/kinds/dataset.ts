// Kind `dataset`: a source of seeded, streaming batches (AsyncIterable). The consumer owns and
// disposes every batch it receives. A stream's position is plain JSON so a resumed run continues
// the same order.
import type * as tf from "@tensorflow/tfjs-core";
import type { RngState } from "../rng.js";

export interface Batch {
  /** Samples [N, ...sampleShape], float32, normalised (images to [−1, 1]). */
  readonly x: tf.Tensor;
  /** Integer labels [N] (int32), when the dataset has them. */
  readonly y?: tf.Tensor;
}

/** A synthetic mixture's modes, for mode-coverage metrics. */
export interface MixtureInfo {
  /** Mode centres in the sample space (each of length sampleShape[0]). */
  readonly centres: readonly (readonly number[])[];
  /** Standard deviation of each mode (isotropic). */
  readonly std: number;
}

export interface DatasetInfo {
  readonly name: string;
  /** Shape of one sample without the batch dimension ([2] for the ring, [28, 28, 1] for images). */
  readonly sampleShape: readonly number[];
  /** Number of samples in one epoch; undefined for infinite synthetic streams. */
  readonly size?: number;
  readonly numClasses?: number;
  /** Range of sample values after normalisation. */
  readonly range?: readonly [number, number];
  readonly mixture?: MixtureInfo;
}

/** Where a stream is, as JSON: restore it to continue the same order. */
export interface StreamPosition {
  readonly epoch: number;
  readonly index: number;
  readonly rng: RngState;
}

export interface StreamOptions {
  readonly batchSize?: number;
  readonly seed?: number;
  /** Continue from a saved position (same seed and options) instead of the start. */
  readonly position?: StreamPosition;
  /** Cycle forever (training) rather than stop after one epoch (evaluation). Default true. */
  readonly repeat?: boolean;
  /** Drop a last incomplete batch. Default true. */
  readonly dropLast?: boolean;
  /** Sampling weights, one per sample (AdaGAN); samples are drawn with replacement in proportion. */
  readonly weights?: ArrayLike<number>;
  /**
   * "shuffled" (default): a seeded shuffle per epoch. "sequential": samples in index order, the order
   * `weights` refer to (for scoring every sample once, as AdaGAN does); finite datasets only, no weights.
   */
  readonly order?: "shuffled" | "sequential";
}

export interface BatchStream extends AsyncIterableIterator<Batch> {
  position(): StreamPosition;
}

export interface Dataset {
  readonly info: DatasetInfo;
  stream(options?: StreamOptions): BatchStream;
}
