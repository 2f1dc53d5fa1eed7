// @gantry/core's LinearAlgebra on LAPACK and BLAS through the addon: dsyevd (divide and conquer, as
// numpy's eigh) for symmetric eigendecompositions, dgemm for products. @gantry/metrics' FID and KID use it
// where the caller passes it (the CLI does when the addon is built); the JavaScript one otherwise.
import type { LinearAlgebra, SymmetricEigen } from "@gantry/core";
import { loadAddon, type AddonLoad, type NativeAddon } from "./addon.js";

function make(addon: NativeAddon): LinearAlgebra {
  /** A copy of `a` (LAPACK overwrites its input) in the addon's huge-page memory (native/huge-buffer.c). */
  const copy = (a: Float64Array): Float64Array => {
    const out = addon.float64Buffer(a.length);
    out.set(a);
    return out;
  };
  return Object.freeze({
    name: "LAPACK dsyevd + BLAS dgemm (OpenBLAS)",
    symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
      // LAPACK overwrites its input with the eigenvectors, as columns of a column-major matrix: read
      // row-major, that is one eigenvector per row.
      const vectors = copy(a);
      const values = new Float64Array(n);
      const info = addon.syevd(vectors, values, n, 1);
      // A failure to converge (info > 0) surfaces as non-finite eigenvalues, which FID's fallback handles.
      if (info !== 0) values.fill(Number.NaN);
      return { values, vectors };
    },
    symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
      const values = new Float64Array(n);
      if (addon.syevd(copy(a), values, n, 0) !== 0) values.fill(Number.NaN);
      return values;
    },
    matMul(a: Float64Array, b: Float64Array, m: number, k: number, n: number, transposeA = false, transposeB = false): Float64Array {
      const c = addon.float64Buffer(m * n);
      addon.dgemm(transposeA ? 1 : 0, transposeB ? 1 : 0, m, n, k, 1, a, b, 0, c);
      return c;
    },
  });
}

/** LAPACK/BLAS linear algebra, or undefined where the addon was not built. */
export function nativeLinearAlgebra(load: () => AddonLoad = loadAddon): LinearAlgebra | undefined {
  const loaded = load();
  return loaded.ok ? make(loaded.addon) : undefined;
}
