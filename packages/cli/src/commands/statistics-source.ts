// What `gantry fid` and `gantry stats` accept as one side: a folder of images, an .npy file, or saved
// statistics (Gantry .safetensors, pytorch-fid .npz), turned into Gaussian feature statistics. Images
// and samples are streamed in batches through the feature space; nothing holds the whole set as a tensor.
import { existsSync, statSync } from "node:fs";
import { GantryError, tf } from "@gantry/core";
import { cropResize, decodeImage, type NpyArray } from "@gantry/data";
import { listImageFolder, readBytes, readNpy } from "@gantry/data/node";
import { RunningMoments, featureMatrix, npzAsSaved, streamMoments, type FeatureSpace, type SampleSource, type SavedStatistics } from "@gantry/metrics";
import { loadNpzStatistics, loadStatistics } from "@gantry/metrics/node";

/**
 * images: PNG/JPEG files (ImageFolder layout), mapped to [−1, 1]. npy: [N, D] rows are features already
 * (in the chosen extractor's space), [N, H, W, C] (any rank ≥ 3) are samples fed to the extractor.
 */
export type SourceKind = "images" | "npy" | "safetensors" | "npz";

export interface StatisticsSource {
  readonly kind: SourceKind;
  readonly path: string;
}

export interface SourceStatistics extends SavedStatistics {
  readonly source: StatisticsSource;
}

export interface ReadOptions {
  readonly batchSize: number;
  /** Image channels: 3 (RGB, default) or 1 (grayscale). */
  readonly channels: 1 | 3;
}

/** Classifies a path by what it is (folder) or its extension; a missing or unknown one names `flag`. */
export function statisticsSource(path: string, flag: string): StatisticsSource {
  if (!existsSync(path)) {
    throw new GantryError("CLI_SOURCE_NOT_FOUND", `${flag}: no such file or folder`, {
      where: { file: path }, hint: "give a folder of images, an .npy file, or statistics (.safetensors from gantry stats, .npz from pytorch-fid)",
    });
  }
  if (statSync(path).isDirectory()) return { kind: "images", path };
  const ext = /\.(npy|safetensors|npz)$/i.exec(path)?.[1].toLowerCase() as "npy" | "safetensors" | "npz" | undefined;
  if (!ext) {
    throw new GantryError("CLI_UNKNOWN_SOURCE", `${flag}: unknown format`, {
      where: { file: path }, hint: "give a folder of PNG/JPEG images, an .npy file of samples or features, a .safetensors statistics file or a pytorch-fid .npz",
    });
  }
  return { kind: ext, path };
}

/** --batch-size and --channels. */
export function checkReadOptions(o: ReadOptions): void {
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) {
    throw new GantryError("CLI_BAD_FLAG", `${o.batchSize}: a positive integer expected`, { where: { field: "--batch-size" }, hint: "e.g. --batch-size 100" });
  }
  if (o.channels !== 1 && o.channels !== 3) {
    throw new GantryError("CLI_BAD_FLAG", `${String(o.channels)}: 1 (grayscale) or 3 (RGB) expected`, { where: { field: "--channels" }, hint: "e.g. --channels 3" });
  }
}

export const isSavedStatistics = (s: StatisticsSource): boolean => s.kind === "safetensors" || s.kind === "npz";

/** The source's statistics in `space`; a saved file is read as it is (its extractor is checked by the caller). */
export async function readSourceStatistics(source: StatisticsSource, space: FeatureSpace, o: ReadOptions): Promise<SourceStatistics> {
  switch (source.kind) {
    case "safetensors": return { ...(await loadStatistics(source.path)), source };
    // pytorch-fid records no extractor: the file is taken to be in the chosen space, and its dimension is checked.
    case "npz": return { ...npzAsSaved(await loadNpzStatistics(source.path), space.name), source };
    case "images": return { statistics: (await streamMoments(imageBatches(source.path, o), space)).statistics(), extractor: space.name, source };
    case "npy": return { statistics: await npyStatistics(readNpy(source.path), source.path, space, o.batchSize), extractor: space.name, source };
  }
}

/** Images in batches of [b, H, W, C] in [−1, 1] (x/127.5 − 1, as @gantry/data); each is cropped and resized to the first one's size. */
async function* imageBatches(dir: string, o: ReadOptions): SampleSource {
  const { files } = listImageFolder(dir);
  const first = decodeImage(readBytes(files[0].file), files[0].file, o.channels);
  const [h, w] = [first.height, first.width];
  for (let start = 0; start < files.length; start += o.batchSize) {
    const batch = files.slice(start, start + o.batchSize);
    const x = new Float32Array(batch.length * h * w * o.channels);
    batch.forEach(({ file }, i) => {
      const pixels = cropResize(start + i === 0 ? first : decodeImage(readBytes(file), file, o.channels), h, w);
      for (let j = 0; j < pixels.length; j++) x[i * pixels.length + j] = pixels[j] / 127.5 - 1;
    });
    yield tf.tensor4d(x, [batch.length, h, w, o.channels]);
  }
}

async function npyStatistics(a: NpyArray, file: string, space: FeatureSpace, batchSize: number) {
  if (a.shape.length < 2 || a.shape[0] < 2) {
    throw new GantryError("CLI_BAD_NPY", `${file}: shape (${a.shape.join(", ")}); [N, D] feature rows or [N, H, W, C] samples with N ≥ 2 expected`, {
      where: { file }, hint: "stack the samples along the first axis, e.g. numpy.save(path, x) with x of shape (n, 32, 32, 3)",
    });
  }
  if (a.shape.length === 2) {
    const data = a.data instanceof Float32Array || a.data instanceof Float64Array ? a.data : Float64Array.from(a.data);
    return new RunningMoments(a.shape[1]).update(featureMatrix(data, a.shape[0], a.shape[1])).statistics();
  }
  return (await streamMoments(npyBatches(a, batchSize), space)).statistics();
}

/** Samples in batches; uint8 maps to [−1, 1] as @gantry/data's datasets do, other dtypes pass through. */
async function* npyBatches(a: NpyArray, batchSize: number): SampleSource {
  const n = a.shape[0];
  const per = a.data.length / n;
  for (let start = 0; start < n; start += batchSize) {
    const rows = Math.min(batchSize, n - start);
    const part = a.data.subarray(start * per, (start + rows) * per);
    const x = a.dtype === "uint8" ? Float32Array.from(part, (v) => v / 127.5 - 1) : Float32Array.from(part);
    yield tf.tensor(x, [rows, ...a.shape.slice(1)]);
  }
}
