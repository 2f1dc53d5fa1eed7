// The pure-JavaScript LinearAlgebra (@gantry/core's interface): ml-matrix's symmetric eigensolver
// (Householder tridiagonalisation + QL, float64) and plain row-major products. The default of FID and
// KID; @gantry/backend-native's LAPACK/BLAS one replaces it where its addon is built.
import type { LinearAlgebra, SymmetricEigen } from "@gantry/core";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";

function symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
  const m = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.set(i, j, a[i * n + j]);
  const e = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const raw = e.realEigenvalues;
  // ascending, as LAPACK returns them (ml-matrix's QL already does; sorting makes it a contract)
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => raw[x] - raw[y]);
  const v = e.eigenvectorMatrix; // eigenvectors as columns
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((col, row) => {
    values[row] = raw[col];
    for (let i = 0; i < n; i++) vectors[row * n + i] = v.get(i, col);
  });
  return { values, vectors };
}

function matMul(a: Float64Array, b: Float64Array, m: number, k: number, n: number, transposeA = false, transposeB = false): Float64Array {
  // element (i, t) of op(A) and (t, j) of op(B), row-major storage
  const ai = transposeA ? (i: number, t: number) => a[t * m + i] : (i: number, t: number) => a[i * k + t];
  const out = new Float64Array(m * n);
  if (!transposeB) {
    // i-t-j order: streams rows of B
    for (let i = 0; i < m; i++) {
      for (let t = 0; t < k; t++) {
        const x = ai(i, t);
        if (x === 0) continue;
        for (let j = 0, o = i * n, bo = t * n; j < n; j++) out[o + j] += x * b[bo + j];
      }
    }
    return out;
  }
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += ai(i, t) * b[j * k + t];
      out[i * n + j] = s;
    }
  }
  return out;
}

/** ml-matrix computes the eigenvectors either way. */
const symmetricEigenvalues = (a: Float64Array, n: number): Float64Array => symmetricEigen(a, n).values;

export const jsLinearAlgebra: LinearAlgebra = Object.freeze({ name: "ml-matrix (JavaScript)", symmetricEigen, symmetricEigenvalues, matMul });
