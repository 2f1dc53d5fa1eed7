// Saved reference statistics: mean and covariance (float64) in one safetensors file (core's encoder),
// with n and the extractor's name in its metadata, so a training set's statistics are computed once and
// an FID against them always says which features they came from. It does not compute statistics, nor
// touch files (browser-safe): statistics-store.ts (@gantry/metrics/node) reads and writes them on disk.
import { GantryError, decodeSafetensors, encodeSafetensors } from "@gantry/core";
import type { GaussianStatistics, MomentsState } from "./running-moments.js";

export const STATISTICS_FORMAT = "gantry-gaussian-statistics/1";

/**
 * Where FID keeps reference statistics by name (metric/fid's `statistics` param): `load` gives undefined
 * for a name it does not hold. @gantry/metrics/node's fileStatisticsStore reads and writes files.
 */
export interface StatisticsStore {
  load(name: string): Promise<SavedStatistics | undefined>;
  save(name: string, saved: SavedStatistics): Promise<void>;
}

export interface SavedStatistics {
  readonly statistics: GaussianStatistics;
  /** The feature extractor that made the features ("domain-classifier", "inception-v3", "raw"). */
  readonly extractor: string;
}

export function encodeStatistics(saved: SavedStatistics): Uint8Array {
  const { statistics: s, extractor } = saved;
  return encodeSafetensors(
    { mean: { dtype: "F64", shape: [s.dim], data: s.mean }, cov: { dtype: "F64", shape: [s.dim, s.dim], data: s.cov } },
    { format: STATISTICS_FORMAT, n: String(s.n), extractor },
  );
}

export function decodeStatistics(bytes: Uint8Array, source = "<statistics bytes>"): SavedStatistics {
  const { tensors, metadata } = decodeSafetensors(bytes, source);
  const { mean, cov } = tensors;
  const n = Number(metadata.n);
  const ok = metadata.format === STATISTICS_FORMAT && mean?.dtype === "F64" && cov?.dtype === "F64" && mean.shape.length === 1 &&
    cov.shape.length === 2 && cov.shape[0] === mean.shape[0] && cov.shape[1] === mean.shape[0] && Number.isInteger(n) && n >= 2;
  if (!ok) {
    throw new GantryError("METRIC_BAD_STATISTICS", "not a Gantry statistics file (F64 mean [d], F64 cov [d, d], metadata format, n, extractor)", {
      where: { file: source }, hint: "delete it so the reference statistics are recomputed, or write one with saveStatistics",
    });
  }
  const statistics = { n, dim: mean.shape[0], mean: mean.data as Float64Array, cov: cov.data as Float64Array };
  return { statistics, extractor: metadata.extractor ?? "unknown" };
}

/** A mergeable moments state from saved statistics (M2 = Σ·(n − 1)), to extend a reference set. */
export function momentsFromStatistics(s: GaussianStatistics): MomentsState {
  return { n: s.n, dim: s.dim, mean: s.mean.slice(), m2: s.cov.map((v) => v * (s.n - 1)) };
}
