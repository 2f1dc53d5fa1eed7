// Image datasets in IDX files (MNIST layout): uint8 images [N, H, W] (or [N, H, W, C]) and uint8
// labels [N]; samples are HWC ([28, 28, 1]) scaled to [−1, 1]. Does not read non-uint8 images.
import { ArrayDataset } from "./array-dataset.js";
import { fileError } from "./data-error.js";
import type { IdxArray } from "./idx.js";
import { readIdx } from "./idx-file.js";

export interface IdxDatasetOptions {
  /** The images file (idx3, plain or .gz). */
  readonly images: string;
  /** The labels file (idx1), if any. */
  readonly labels?: string;
  readonly batchSize?: number;
  readonly name?: string;
}

/** Loads IDX images (and labels) into one Uint8Array and streams batches from it. */
export function idxDataset(options: IdxDatasetOptions): ArrayDataset {
  const images = readIdx(options.images);
  const sampleShape = imageShape(images, options.images);
  const labels = options.labels === undefined ? undefined : labelArray(readIdx(options.labels), options.labels, images.shape[0], options.images);
  return new ArrayDataset({
    name: options.name ?? "idx", sampleShape, x: images.data as Uint8Array, labels,
    numClasses: labels ? maxLabel(labels) + 1 : undefined,
  }, { batchSize: options.batchSize });
}

function imageShape(images: IdxArray, file: string): number[] {
  if (images.dtype !== "uint8") {
    throw fileError("DATA_UNSUPPORTED_DTYPE", file, `IDX images must be uint8 (type 0x08), got ${images.dtype}`, "image IDX files (idx3-ubyte) hold uint8 pixels");
  }
  const [n, ...rest] = images.shape;
  if (rest.length < 2 || rest.length > 3 || n === 0) {
    throw fileError(n === 0 ? "DATA_EMPTY" : "DATA_BAD_SHAPE", file, `IDX images of shape [N, H, W] or [N, H, W, C] with N ≥ 1 expected, got [${images.shape.join(", ")}]`,
      "pass the idx3 images file as `images` and the idx1 labels file as `labels`");
  }
  return rest.length === 2 ? [...rest, 1] : rest;
}

function labelArray(labels: IdxArray, file: string, count: number, imagesFile: string): Uint8Array {
  if (labels.dtype !== "uint8" || labels.shape.length !== 1) {
    throw fileError("DATA_BAD_SHAPE", file, `IDX labels must be uint8 of shape [N], got ${labels.dtype} [${labels.shape.join(", ")}]`,
      "pass the idx1 labels file as `labels` and the idx3 images file as `images`");
  }
  if (labels.shape[0] !== count) {
    throw fileError("DATA_COUNT_MISMATCH", file, `${labels.shape[0]} labels for ${count} images in ${imagesFile}`,
      "use the labels file of the same split (train-labels with train-images, t10k-labels with t10k-images)");
  }
  return labels.data as Uint8Array;
}

function maxLabel(labels: Uint8Array): number {
  let m = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] > m) m = labels[i];
  return m;
}
