// Kernel Inception Distance (Bińkowski et al. 2018): the unbiased MMD² estimate (Gretton et al. 2012,
// eq. 3) with the cubic polynomial kernel k(x, y) = (x·y/d + 1)³, averaged over random subsets
// (100 subsets of size 1000 by default, clamped to the set sizes, as the reference code); mean ± std.
import { GantryError, Rng } from "@gantry/core";
import { selectRows, type FeatureMatrix } from "./feature-matrix.js";

export interface KidOptions {
  readonly subsets?: number;
  readonly subsetSize?: number;
  readonly rng?: Rng;
}

export interface KidResult {
  readonly mean: number;
  readonly std: number;
  readonly subsets: number;
  readonly subsetSize: number;
}

const kernel = (a: FeatureMatrix, i: number, b: FeatureMatrix, j: number): number => {
  const d = a.dim;
  let dot = 0;
  for (let t = 0; t < d; t++) dot += a.data[i * d + t] * b.data[j * d + t];
  return (dot / d + 1) ** 3;
};

/** Unbiased MMD²: mean off-diagonal k(x,x′) + mean off-diagonal k(y,y′) − 2 mean k(x,y); sizes may differ. */
export function polynomialMmd2(x: FeatureMatrix, y: FeatureMatrix): number {
  if (x.dim !== y.dim) {
    throw new GantryError("KID_DIM_MISMATCH", `feature dims ${x.dim} and ${y.dim} differ`, { hint: "use one extractor for both sets" });
  }
  if (x.rows < 2 || y.rows < 2) {
    throw new GantryError("KID_TOO_FEW_SAMPLES", "the unbiased MMD needs at least 2 samples per set", { hint: "pass more samples" });
  }
  const within = (m: FeatureMatrix): number => {
    let s = 0;
    for (let i = 0; i < m.rows; i++) for (let j = i + 1; j < m.rows; j++) s += kernel(m, i, m, j);
    return (2 * s) / (m.rows * (m.rows - 1));
  };
  let cross = 0;
  for (let i = 0; i < x.rows; i++) for (let j = 0; j < y.rows; j++) cross += kernel(x, i, y, j);
  return within(x) + within(y) - (2 * cross) / (x.rows * y.rows);
}

/** KID: MMD² over `subsets` random subsets (without replacement) of size min(subsetSize, |x|, |y|). */
export function kernelInceptionDistance(x: FeatureMatrix, y: FeatureMatrix, options: KidOptions = {}): KidResult {
  const subsets = options.subsets ?? 100;
  const m = Math.min(options.subsetSize ?? 1000, x.rows, y.rows);
  const rng = options.rng ?? Rng.seeded(0);
  const values: number[] = [];
  for (let s = 0; s < subsets; s++) {
    values.push(polynomialMmd2(selectRows(x, sample(rng, x.rows, m)), selectRows(y, sample(rng, y.rows, m))));
  }
  const mean = values.reduce((a, b) => a + b, 0) / subsets;
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / subsets);
  return { mean, std, subsets, subsetSize: m };
}

/** m distinct indices from [0, n) (partial Fisher–Yates). */
function sample(rng: Rng, n: number, m: number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < m; i++) {
    const j = i + rng.nextInt(n - i);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx.slice(0, m);
}
