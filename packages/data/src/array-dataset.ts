// A Dataset over samples held in memory as ONE flat typed array (uint8 images stay uint8: a 60 000-image
// set is 47 MB, not 188 MB of float32 tensors); each batch is gathered and normalised per step.
// uint8 samples map to [−1, 1] by x/127.5 − 1; float samples pass through unchanged.
import { GantryError, tf, type Batch, type BatchStream, type Dataset, type DatasetInfo, type StreamOptions } from "@gantry/core";
import { batchStream } from "./batch-stream.js";
import { shapeSize } from "./data-error.js";
import { indexCursor, resolveStreamOptions } from "./index-cursor.js";

export interface ArraySource {
  readonly name: string;
  /** Shape of one sample, e.g. [28, 28, 1] (images are HWC). */
  readonly sampleShape: readonly number[];
  /** All samples, C order, [N, ...sampleShape]. */
  readonly x: Uint8Array | Float32Array;
  /** One integer label per sample, when the set has labels. */
  readonly labels?: Uint8Array | Int32Array;
  readonly numClasses?: number;
  /** Class names by label index (image folders: the sub-folder names). */
  readonly classNames?: readonly string[];
}

export interface ArrayDatasetOptions {
  /** Default batch size of `stream()` (the dataset's `batchSize` param). */
  readonly batchSize?: number;
}

export class ArrayDataset implements Dataset {
  readonly info: DatasetInfo;
  readonly source: ArraySource;
  private readonly sampleSize: number;
  private readonly defaultBatchSize: number;

  constructor(source: ArraySource, options: ArrayDatasetOptions = {}) {
    this.sampleSize = shapeSize(source.sampleShape);
    const size = this.sampleSize === 0 ? 0 : source.x.length / this.sampleSize;
    checkSource(source, size);
    this.source = source;
    this.defaultBatchSize = options.batchSize ?? 64;
    this.info = {
      name: source.name, sampleShape: [...source.sampleShape], size, numClasses: source.numClasses,
      range: source.x instanceof Uint8Array ? [-1, 1] : undefined,
    };
  }

  get size(): number {
    return this.info.size ?? 0;
  }

  stream(options: StreamOptions = {}): BatchStream {
    const o = resolveStreamOptions(options, this.defaultBatchSize, this.size);
    const cursor = indexCursor(this.size, o);
    return batchStream(() => {
      const indices = cursor.next();
      return indices && this.batch(indices);
    }, () => cursor.position());
  }

  /** The batch of the given sample indices (x float32 [n, ...sampleShape], y int32 [n]). */
  batch(indices: Int32Array): Batch {
    const x = tf.tensor(gatherSamples(this.source.x, this.sampleSize, indices), [indices.length, ...this.source.sampleShape], "float32");
    const labels = this.source.labels;
    if (!labels) return { x };
    const y = new Int32Array(indices.length);
    for (let k = 0; k < indices.length; k++) y[k] = labels[indices[k]];
    return { x, y: tf.tensor1d(y, "int32") };
  }
}

function checkSource(source: ArraySource, size: number): void {
  if (!Number.isInteger(size) || size === 0) {
    throw new GantryError("DATA_EMPTY", `dataset "${source.name}" has no samples of shape [${source.sampleShape.join(", ")}] (${source.x.length} values)`,
      { hint: "check the files it was read from" });
  }
  if (source.labels && source.labels.length !== size) {
    throw new GantryError("DATA_COUNT_MISMATCH", `dataset "${source.name}" has ${size} samples but ${source.labels.length} labels`,
      { hint: "pair the images with their own labels file" });
  }
}

/** Copies the chosen samples into one float32 array, mapping uint8 to [−1, 1]. */
export function gatherSamples(x: Uint8Array | Float32Array, sampleSize: number, indices: Int32Array): Float32Array {
  const out = new Float32Array(indices.length * sampleSize);
  const scale = x instanceof Uint8Array;
  for (let k = 0; k < indices.length; k++) {
    const src = indices[k] * sampleSize;
    const dst = k * sampleSize;
    if (!scale) {
      out.set(x.subarray(src, src + sampleSize), dst);
      continue;
    }
    for (let j = 0; j < sampleSize; j++) out[dst + j] = x[src + j] / 127.5 - 1;
  }
  return out;
}
