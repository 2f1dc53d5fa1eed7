// Dense float64 linear algebra that evaluation code (FID's eigendecompositions, KID's kernel products)
// asks for by interface, so a native library (LAPACK/BLAS through @gantry/backend-native) can stand in
// for the pure-JavaScript default where it is installed. Implementations must agree to 1e-6 relative.

/** A symmetric eigendecomposition: ascending eigenvalues, eigenvector i as row i of `vectors` (n × n, row-major). */
export interface SymmetricEigen {
  readonly values: Float64Array;
  readonly vectors: Float64Array;
}

export interface LinearAlgebra {
  /** Where the numbers come from, for reports ("ml-matrix", "OpenBLAS LAPACK"). */
  readonly name: string;
  /** Eigendecomposition of the symmetric n × n row-major matrix `a` (left unchanged). */
  symmetricEigen(a: Float64Array, n: number): SymmetricEigen;
  /** The same eigenvalues (ascending) without the eigenvectors, which LAPACK computes several times faster. */
  symmetricEigenvalues(a: Float64Array, n: number): Float64Array;
  /**
   * op(A)·op(B), row-major; op transposes when its flag is set. op(A) is m × k and op(B) is k × n, so
   * A is stored m × k (or k × m when transposed) and B k × n (or n × k).
   */
  matMul(a: Float64Array, b: Float64Array, m: number, k: number, n: number, transposeA?: boolean, transposeB?: boolean): Float64Array;
}
