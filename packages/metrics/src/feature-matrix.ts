// FeatureMatrix: a row-major block of feature vectors (one row per sample), the currency every
// metric here computes on. Plain typed arrays, not tensors: statistics are accumulated in float64 JS.
import { GantryError } from "@gantry/core";

export interface FeatureMatrix {
  readonly rows: number;
  readonly dim: number;
  /** rows × dim values, row-major. */
  readonly data: Float32Array | Float64Array;
}

/** Wraps row-major data after checking its length; `rows[]` of equal-length arrays are accepted too. */
export function featureMatrix(data: Float32Array | Float64Array, rows: number, dim: number): FeatureMatrix {
  if (!Number.isInteger(rows) || !Number.isInteger(dim) || rows < 0 || dim <= 0 || data.length !== rows * dim) {
    throw new GantryError("METRIC_BAD_FEATURES", `expected ${rows} × ${dim} = ${rows * dim} values, got ${data.length}`, {
      hint: "features are row-major [N, dim]: one row per sample",
    });
  }
  return { rows, dim, data };
}

/** Builds a FeatureMatrix from an array of rows (tests, small inputs). */
export function fromRows(rows: readonly (readonly number[])[]): FeatureMatrix {
  const dim = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * dim);
  rows.forEach((r, i) => {
    if (r.length !== dim) {
      throw new GantryError("METRIC_BAD_FEATURES", `row ${i} has ${r.length} values, row 0 has ${dim}`, { hint: "every sample needs the same feature length" });
    }
    data.set(r, i * dim);
  });
  return featureMatrix(data, rows.length, dim);
}

/** Stacks several matrices with the same dim into one (rows in order). */
export function concatRows(parts: readonly FeatureMatrix[]): FeatureMatrix {
  if (parts.length === 0) throw new GantryError("METRIC_NO_SAMPLES", "no feature batches to stack", { hint: "ask for at least one sample" });
  const dim = parts[0].dim;
  const rows = parts.reduce((n, p) => n + p.rows, 0);
  const data = new Float32Array(rows * dim);
  let offset = 0;
  for (const p of parts) {
    if (p.dim !== dim) throw new GantryError("METRIC_BAD_FEATURES", `feature dims differ: ${p.dim} vs ${dim}`, { hint: "use one extractor for all batches" });
    data.set(p.data, offset);
    offset += p.data.length;
  }
  return { rows, dim, data };
}

/** Row `i` as a subarray view (no copy). */
export function row(m: FeatureMatrix, i: number): Float32Array | Float64Array {
  return m.data.subarray(i * m.dim, (i + 1) * m.dim);
}

/** A new matrix holding rows `indices` of `m`. */
export function selectRows(m: FeatureMatrix, indices: readonly number[]): FeatureMatrix {
  const data = new Float64Array(indices.length * m.dim);
  indices.forEach((r, i) => data.set(row(m, r), i * m.dim));
  return { rows: indices.length, dim: m.dim, data };
}
