// Test support: the integer generator shared with fixtures/make_fid_fixtures.py (xorshift32), so
// large covariances (and make_rank_deficient_fid.py's feature rows) are rebuilt identically on both
// sides instead of being committed.
import type { GaussianStatistics } from "./running-moments.js";

/** xorshift32 values x / 2³² − 0.5, row-major [rows, cols]. */
export function xorshiftMatrix(seed: number, rows: number, cols: number): Float64Array {
  let x = seed >>> 0;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x / 2 ** 32 - 0.5;
  }
  return out;
}

/** μ = 2·gen(seed + 1000, 1, d); Σ = scale · A Aᵀ / k with A = gen(seed, d, k), as the fixture script. */
export function fixtureGaussian(seed: number, d: number, k: number, scale: number): GaussianStatistics {
  const a = xorshiftMatrix(seed, d, k);
  const mean = xorshiftMatrix(seed + 1000, 1, d).map((v) => 2 * v);
  const cov = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += a[i * k + t] * a[j * k + t];
      cov[i * d + j] = cov[j * d + i] = (scale * s) / k;
    }
  }
  return { n: k, dim: d, mean, cov };
}

/**
 * make_rank_deficient_fid.py's feature rows [n, d]: x[i, j] = u[i, j]·(1 + (j mod 7)/2)·scale + shift with
 * u = xorshiftMatrix(seed, n, d); every step is exact in float64 for its power-of-2 scales and shifts.
 */
export function fixtureSamples(seed: number, n: number, d: number, scale: number, shift: number): Float64Array {
  const x = xorshiftMatrix(seed, n, d);
  for (let i = 0; i < x.length; i++) x[i] = x[i] * (1 + ((i % d) % 7) / 2) * scale + shift;
  return x;
}
