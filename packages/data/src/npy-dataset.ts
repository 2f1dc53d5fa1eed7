// A dataset from .npy files: samples [N, ...] (uint8 scaled to [−1, 1]; float32/float64/int32 kept
// as values, stored once as float32) and optional integer labels [N]. Reads the whole file into memory.
import { ArrayDataset } from "./array-dataset.js";
import { fileError } from "./data-error.js";
import type { NpyArray } from "./npy.js";
import { readNpy } from "./npy-file.js";

export interface NpyDatasetOptions {
  /** Samples, shape [N, ...sampleShape]. */
  readonly path: string;
  /** Labels, shape [N], uint8 or int32. */
  readonly labels?: string;
  readonly batchSize?: number;
}

export function npyDataset(options: NpyDatasetOptions): ArrayDataset {
  const x = readNpy(options.path);
  if (x.shape.length < 2 || x.shape[0] === 0) {
    throw fileError(x.shape[0] === 0 ? "DATA_EMPTY" : "DATA_BAD_SHAPE", options.path, `samples of shape [N, ...] with N ≥ 1 expected, got [${x.shape.join(", ")}]`,
      "save the samples stacked along the first axis, e.g. numpy.save(path, x.reshape(n, -1))");
  }
  const labels = options.labels === undefined ? undefined : labelArray(readNpy(options.labels), options.labels, x.shape[0], options.path);
  return new ArrayDataset({
    name: "npy", sampleShape: x.shape.slice(1), x: x.data instanceof Uint8Array || x.data instanceof Float32Array ? x.data : Float32Array.from(x.data), labels,
    numClasses: labels ? labels.reduce((m, v) => Math.max(m, v), 0) + 1 : undefined,
  }, { batchSize: options.batchSize });
}

function labelArray(a: NpyArray, file: string, count: number, samplesFile: string): Int32Array {
  if ((a.dtype !== "uint8" && a.dtype !== "int32") || a.shape.length !== 1) {
    throw fileError("DATA_BAD_SHAPE", file, `labels must be uint8 or int32 of shape [N], got ${a.dtype} [${a.shape.join(", ")}]`,
      "save integer class indices: numpy.save(path, y.astype(numpy.int32))");
  }
  if (a.shape[0] !== count) {
    throw fileError("DATA_COUNT_MISMATCH", file, `${a.shape[0]} labels for ${count} samples in ${samplesFile}`, "save one label per sample");
  }
  const labels = Int32Array.from(a.data);
  if (labels.some((v) => v < 0)) throw fileError("DATA_BAD_LABEL", file, "labels must be ≥ 0", "use class indices 0…K−1");
  return labels;
}
