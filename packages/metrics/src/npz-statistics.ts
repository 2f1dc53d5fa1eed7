// pytorch-fid's statistics files (`--save-stats`: np.savez(path, mu=mu, sigma=sigma), a zip of two .npy
// arrays, stored or deflated) read into and written from Gantry's float64 Gaussian statistics. Entries are
// decoded by @gantry/core's NPY codec; only float64/float32 arrays in C order are accepted as statistics.
// Bytes only (browser-safe); npz-statistics-file.ts (@gantry/metrics/node) reads and writes the files.
import { unzipSync, zipSync } from "fflate";
import { GantryError, decodeNpy, encodeNpy, type NpyArray } from "@gantry/core";
import type { SavedStatistics } from "./statistics-file.js";

/** What pytorch-fid's files hold: float64 mean [d] and covariance [d, d]. */
export interface NpzStatistics {
  readonly mean: Float64Array;
  readonly cov: Float64Array;
  readonly dim: number;
}

interface NpyFloats {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // "PK\3\4", a local file header
const WRITE_HINT = "write it with numpy: np.savez(path, mu=mu, sigma=sigma), mu float64 [d] and sigma float64 [d, d] (pytorch-fid --save-stats)";

export function npzError(code: string, file: string, message: string, hint = WRITE_HINT, cause?: unknown): GantryError {
  return new GantryError(code, message, { where: { file }, hint, cause });
}

/** Decodes a pytorch-fid `.npz` (`mu.npy`, `sigma.npy`; other entries are ignored); `file` names it in errors. */
export function decodeNpzStatistics(bytes: Uint8Array, file = "<npz bytes>"): NpzStatistics {
  const entries = unzip(bytes, file);
  const mu = entry(entries, "mu", file);
  const sigma = entry(entries, "sigma", file);
  const d = mu.shape[0];
  if (mu.shape.length !== 1 || sigma.shape.length !== 2 || sigma.shape[0] !== d || sigma.shape[1] !== d || d === 0) {
    throw npzError("NPZ_BAD_SHAPE", file, `mu has shape (${mu.shape.join(", ")}) and sigma (${sigma.shape.join(", ")}); (d,) and (d, d) with d ≥ 1 expected`);
  }
  return { mean: mu.data, cov: sigma.data, dim: d };
}

/**
 * Gantry statistics as SavedStatistics. pytorch-fid records neither the sample count nor the extractor:
 * n is 0 ("unknown") and `extractor` is whatever the caller knows made the features.
 */
export function npzAsSaved(npz: NpzStatistics, extractor: string): SavedStatistics {
  return { statistics: { n: 0, dim: npz.dim, mean: npz.mean, cov: npz.cov }, extractor };
}

/** pytorch-fid-readable `.npz` bytes (float64 mu and sigma, stored entries, as np.savez writes them). */
export function encodeNpzStatistics(s: { readonly mean: Float64Array; readonly cov: Float64Array; readonly dim: number }): Uint8Array {
  return zipSync({
    "mu.npy": encodeNpy({ dtype: "float64", shape: [s.dim], data: s.mean }),
    "sigma.npy": encodeNpy({ dtype: "float64", shape: [s.dim, s.dim], data: s.cov }),
  }, { level: 0 });
}

function unzip(bytes: Uint8Array, file: string): Record<string, Uint8Array> {
  if (bytes.length < 4 || ZIP_MAGIC.some((m, i) => bytes[i] !== m)) {
    throw npzError("NPZ_NOT_A_ZIP", file, "not an .npz file: it does not start with a zip header (PK\\3\\4)");
  }
  try {
    return unzipSync(bytes);
  } catch (e) {
    throw npzError("NPZ_NOT_A_ZIP", file, `cannot unzip the .npz (${(e as Error).message})`, `the file is damaged or truncated; ${WRITE_HINT}`, e);
  }
}

function entry(entries: Record<string, Uint8Array>, name: "mu" | "sigma", file: string): NpyFloats {
  const bytes = entries[`${name}.npy`];
  if (!bytes) {
    const names = Object.keys(entries).map((k) => k.replace(/\.npy$/, ""));
    throw npzError("NPZ_MISSING_ARRAY", file, `no array "${name}" in the .npz (it holds: ${names.join(", ") || "nothing"})`);
  }
  const where = `${file}:${name}.npy`;
  return floats(decodeNpy(bytes, where), where);
}

/** The array's values as float64; NPY-level problems (truncation, Fortran order, …) were decodeNpy's to report. */
function floats(array: NpyArray, file: string): NpyFloats {
  if (array.dtype !== "float64" && array.dtype !== "float32") {
    throw npzError("NPZ_BAD_DTYPE", file, `dtype ${array.dtype} is not read (float64 '<f8' or float32 '<f4' expected)`,
      "convert first: np.savez(path, mu=mu.astype(np.float64), sigma=sigma.astype(np.float64))");
  }
  return { shape: array.shape, data: array.data instanceof Float64Array ? array.data : Float64Array.from(array.data) };
}
