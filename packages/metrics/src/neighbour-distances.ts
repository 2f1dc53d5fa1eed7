// Euclidean distances between feature rows, computed row by row in float64 so an N × M distance
// matrix never has to be stored: k-th-neighbour radii within a set and n nearest neighbours across
// sets (the building blocks of precision/recall, density/coverage and the nearest-neighbour check).
import { GantryError } from "@gantry/core";
import type { FeatureMatrix } from "./feature-matrix.js";

/** ‖a_i − b_j‖ (Euclidean). */
export function distance(a: FeatureMatrix, i: number, b: FeatureMatrix, j: number): number {
  const d = a.dim;
  let s = 0;
  for (let t = 0; t < d; t++) {
    const v = a.data[i * d + t] - b.data[j * d + t];
    s += v * v;
  }
  return Math.sqrt(s);
}

/** Distances from row i of `a` to every row of `b`. */
export function distanceRow(a: FeatureMatrix, i: number, b: FeatureMatrix, out = new Float64Array(b.rows)): Float64Array {
  for (let j = 0; j < b.rows; j++) out[j] = distance(a, i, b, j);
  return out;
}

/** For each row, the distance to its k-th nearest other row (itself excluded), as prdc's radii. */
export function kthNeighbourRadii(m: FeatureMatrix, k: number): Float64Array {
  if (!Number.isInteger(k) || k < 1 || k >= m.rows) {
    throw new GantryError("METRIC_BAD_K", `k = ${k} needs 1 ≤ k < number of samples (${m.rows})`, { hint: "lower k or pass more samples" });
  }
  const radii = new Float64Array(m.rows);
  const row = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    distanceRow(m, i, m, row);
    row[i] = Infinity;
    radii[i] = smallest(row, k)[k - 1].value;
  }
  return radii;
}

export interface Ranked {
  readonly index: number;
  readonly value: number;
}

/** The n smallest entries of `values`, ascending (ties by index), by insertion into a short sorted list. */
export function smallest(values: ArrayLike<number>, n: number): Ranked[] {
  const best: Ranked[] = [];
  for (let j = 0; j < values.length; j++) {
    const v = values[j];
    if (best.length === n && v >= best[n - 1].value) continue;
    let pos = best.length;
    while (pos > 0 && best[pos - 1].value > v) pos--;
    best.splice(pos, 0, { index: j, value: v });
    if (best.length > n) best.pop();
  }
  return best;
}

export interface NeighbourTable {
  /** indices[q][r]: the r-th nearest pool row to query q. */
  readonly indices: readonly (readonly number[])[];
  readonly distances: readonly (readonly number[])[];
}

/** For each query row, its n nearest rows of `pool` by Euclidean distance. */
export function nearestNeighbours(queries: FeatureMatrix, pool: FeatureMatrix, n: number): NeighbourTable {
  if (queries.dim !== pool.dim) {
    throw new GantryError("METRIC_BAD_FEATURES", `query dim ${queries.dim} differs from pool dim ${pool.dim}`, { hint: "compare both in the same space (pixels or one extractor)" });
  }
  const row = new Float64Array(pool.rows);
  const ranked = Array.from({ length: queries.rows }, (_, q) => smallest(distanceRow(queries, q, pool, row), Math.min(n, pool.rows)));
  return { indices: ranked.map((r) => r.map((e) => e.index)), distances: ranked.map((r) => r.map((e) => e.value)) };
}
