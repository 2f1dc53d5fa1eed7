// Kernel Inception Distance (Bińkowski et al. 2018): the unbiased MMD² estimate (Gretton et al. 2012,
// eq. 3) with the cubic polynomial kernel k(x, y) = (x·y/d + 1)³, averaged over random subsets
// (100 subsets of size 1000 by default, clamped to the set sizes, as the reference code); mean ± std.
import { GantryError, Rng, type LinearAlgebra } from "@gantry/core";
import { selectRows, type FeatureMatrix } from "./feature-matrix.js";
import { jsLinearAlgebra } from "./js-linear-algebra.js";

export interface KidOptions {
  readonly subsets?: number;
  readonly subsetSize?: number;
  readonly rng?: Rng;
  /** The Gram-matrix products: plain JavaScript by default. */
  readonly linearAlgebra?: LinearAlgebra;
}

export interface KidResult {
  readonly mean: number;
  readonly std: number;
  readonly subsets: number;
  readonly subsetSize: number;
}

/** Row-major float64 features and their count (LinearAlgebra works in float64). */
interface Rows { readonly data: Float64Array; readonly rows: number }

const float64Rows = (m: FeatureMatrix): Rows => ({ data: m.data instanceof Float64Array ? m.data : Float64Array.from(m.data), rows: m.rows });

/** Σ over the Gram matrix a·bᵀ (one product) of k = (dot/d + 1)³; `offDiagonal`: the strict upper triangle of a square one. */
function kernelSum(la: LinearAlgebra, a: Rows, b: Rows, d: number, offDiagonal: boolean): number {
  const gram = la.matMul(a.data, b.data, a.rows, d, b.rows, false, true);
  let s = 0;
  for (let i = 0; i < a.rows; i++) {
    for (let j = offDiagonal ? i + 1 : 0; j < b.rows; j++) s += (gram[i * b.rows + j] / d + 1) ** 3;
  }
  return s;
}

/** Unbiased MMD²: mean off-diagonal k(x,x′) + mean off-diagonal k(y,y′) − 2 mean k(x,y); sizes may differ. */
export function polynomialMmd2(x: FeatureMatrix, y: FeatureMatrix, linearAlgebra: LinearAlgebra = jsLinearAlgebra): number {
  if (x.dim !== y.dim) {
    throw new GantryError("KID_DIM_MISMATCH", `feature dims ${x.dim} and ${y.dim} differ`, { hint: "use one extractor for both sets" });
  }
  if (x.rows < 2 || y.rows < 2) {
    throw new GantryError("KID_TOO_FEW_SAMPLES", "the unbiased MMD needs at least 2 samples per set", { hint: "pass more samples" });
  }
  // each side converted to float64 once, for its own Gram matrix and the cross one
  const [xs, ys] = [float64Rows(x), float64Rows(y)];
  const within = (m: Rows): number => (2 * kernelSum(linearAlgebra, m, m, x.dim, true)) / (m.rows * (m.rows - 1));
  const cross = kernelSum(linearAlgebra, xs, ys, x.dim, false);
  return within(xs) + within(ys) - (2 * cross) / (x.rows * y.rows);
}

/** KID: MMD² over `subsets` random subsets (without replacement) of size min(subsetSize, |x|, |y|). */
export function kernelInceptionDistance(x: FeatureMatrix, y: FeatureMatrix, options: KidOptions = {}): KidResult {
  const subsets = options.subsets ?? 100;
  const m = Math.min(options.subsetSize ?? 1000, x.rows, y.rows);
  const rng = options.rng ?? Rng.seeded(0);
  const values: number[] = [];
  for (let s = 0; s < subsets; s++) {
    values.push(polynomialMmd2(selectRows(x, sample(rng, x.rows, m)), selectRows(y, sample(rng, y.rows, m)), options.linearAlgebra));
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
