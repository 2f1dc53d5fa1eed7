// pytorch-fid `.npz` statistics files on disk: npz-statistics.ts's codec, read and written atomically.
// Node-only (@gantry/metrics/node).
import { readFile, rename, writeFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { decodeNpzStatistics, encodeNpzStatistics, npzError, type NpzStatistics } from "./npz-statistics.js";

export async function loadNpzStatistics(path: string): Promise<NpzStatistics> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    throw npzError("NPZ_NOT_FOUND", path, `cannot read the statistics file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      "check the path; relative paths are resolved from the current directory", e);
  }
  return decodeNpzStatistics(bytes, path);
}

/** Writes atomically (temporary file, then rename), creating the folder. */
export async function saveNpzStatistics(path: string, s: { readonly mean: Float64Array; readonly cov: Float64Array; readonly dim: number }): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, encodeNpzStatistics(s));
  await rename(tmp, path);
}
