// CIFAR-10 binary batches (Krizhevsky 2009, "binary version"): records of 1 label byte + 3072 image
// bytes (1024 R, 1024 G, 1024 B, each 32×32 row-major, i.e. CHW). Stored once as HWC uint8.
// Reads the .bin files only (not the Python pickles); never downloads.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ArrayDataset } from "./array-dataset.js";
import { fileError } from "./data-error.js";
import { readBytes } from "./read-bytes.js";

const SIDE = 32;
const PIXELS = SIDE * SIDE;
const RECORD = 1 + 3 * PIXELS;

export interface Cifar10Options {
  /** Folder with data_batch_{1..5}.bin and test_batch.bin (or its parent holding cifar-10-batches-bin/). */
  readonly dir?: string;
  readonly split?: "train" | "test";
  /** Explicit .bin files (instead of dir + split). */
  readonly files?: readonly string[];
  readonly batchSize?: number;
}

/** Decoded records: images [N, 32, 32, 3] HWC uint8 and labels [N]. */
export function readCifar10(files: readonly string[]): { images: Uint8Array; labels: Uint8Array } {
  const chunks = files.map((f) => ({ file: f, bytes: readBytes(f) }));
  const n = chunks.reduce((s, c) => s + recordCount(c.bytes, c.file), 0);
  const images = new Uint8Array(n * 3 * PIXELS);
  const labels = new Uint8Array(n);
  let r = 0;
  for (const { file, bytes } of chunks) {
    for (let off = 0; off < bytes.length; off += RECORD, r++) {
      labels[r] = bytes[off];
      if (labels[r] > 9) throw fileError("DATA_BAD_LABEL", file, `record ${off / RECORD} has label ${labels[r]}; CIFAR-10 labels are 0–9`, "is this a CIFAR-100 file? Only CIFAR-10 is read");
      chwToHwc(bytes, off + 1, images, r * 3 * PIXELS);
    }
  }
  return { images, labels };
}

function recordCount(bytes: Uint8Array, file: string): number {
  if (bytes.length === 0 || bytes.length % RECORD !== 0) {
    throw fileError(bytes.length === 0 ? "DATA_EMPTY" : "DATA_TRUNCATED", file,
      `CIFAR-10 binary batch must hold whole records of ${RECORD} bytes (1 label + 3072 pixels); it has ${bytes.length} bytes`,
      "download cifar-10-binary.tar.gz again and extract the data_batch_*.bin files");
  }
  return bytes.length / RECORD;
}

function chwToHwc(src: Uint8Array, from: number, dst: Uint8Array, to: number): void {
  for (let p = 0; p < PIXELS; p++) {
    dst[to + 3 * p] = src[from + p];
    dst[to + 3 * p + 1] = src[from + PIXELS + p];
    dst[to + 3 * p + 2] = src[from + 2 * PIXELS + p];
  }
}

/** The .bin files of one split in a CIFAR-10 folder. */
export function cifar10Files(dir: string, split: "train" | "test"): string[] {
  const base = existsSync(join(dir, "cifar-10-batches-bin")) ? join(dir, "cifar-10-batches-bin") : dir;
  const pattern = split === "train" ? /^data_batch_\d+\.bin$/ : /^test_batch\.bin$/;
  let names: string[];
  try {
    names = readdirSync(base).filter((n) => pattern.test(n)).sort();
  } catch (e) {
    throw fileError("DATA_NOT_FOUND", base, "cannot read the CIFAR-10 folder", "pass `dir` pointing to the extracted cifar-10-batches-bin folder", e);
  }
  if (names.length === 0) {
    throw fileError("DATA_NOT_FOUND", base, `no ${split === "train" ? "data_batch_*.bin" : "test_batch.bin"} files in the folder`,
      "extract cifar-10-binary.tar.gz (the binary version, not the Python one) and pass its cifar-10-batches-bin folder as `dir`");
  }
  return names.map((n) => join(base, n));
}

/** CIFAR-10 images [32, 32, 3] in [−1, 1] with labels 0–9. */
export function cifar10(options: Cifar10Options): ArrayDataset {
  const split = options.split ?? "train";
  const files = options.files ?? cifar10Files(options.dir ?? ".", split);
  const { images, labels } = readCifar10(files);
  return new ArrayDataset({ name: `cifar10/${split}`, sampleShape: [SIDE, SIDE, 3], x: images, labels, numClasses: 10 }, { batchSize: options.batchSize });
}
