/* Double-precision linear algebra for @gantry/metrics (FID, KID): the symmetric eigendecomposition
 * (LAPACK dsyevd, divide and conquer, as numpy's eigh uses) and GEMM for covariance products. */
#include "lapack.h"

#include <cblas.h>
#include <stdint.h>
#include <stdlib.h>

#include "args.h"

/* LAPACK's Fortran entry point, as OpenBLAS exports it. */
extern void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w, double *work,
                    const int *lwork, int *iwork, const int *liwork, int *info);

/* syevd(a, w, n, wantVectors) → info. With wantVectors = 1, a (n × n, symmetric) is overwritten by the
 * eigenvectors, one per row (row-major reading of LAPACK's column-major output); with 0 only the
 * eigenvalues are computed (jobz 'N', several times faster) and a is destroyed. w receives the eigenvalues
 * in ascending order. info as LAPACK's: 0 on success, > 0 when the algorithm failed to converge. */
napi_value gantry_syevd(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  double *a, *w;
  size_t na, nw;
  int n, want_vectors;
  if (!gantry_args(env, info, 4, argv) || !gantry_f64(env, argv[0], "a", &a, &na) || !gantry_f64(env, argv[1], "w", &w, &nw) ||
      !gantry_int(env, argv[2], "n", &n) || !gantry_int(env, argv[3], "wantVectors", &want_vectors)) {
    return NULL;
  }
  if (n < 0 || (int64_t)na < (int64_t)n * n || (int64_t)nw < n) {
    gantry_range_error(env, "syevd: a must hold n × n and w n numbers");
    return NULL;
  }
  int result = 0;
  if (n > 0) {
    const char jobz = want_vectors ? 'V' : 'N', uplo = 'L';
    int lwork = -1, liwork = -1, iworkSize = 0;
    double workSize = 0;
    dsyevd_(&jobz, &uplo, &n, a, &n, w, &workSize, &lwork, &iworkSize, &liwork, &result);
    if (result == 0) {
      lwork = (int)workSize;
      liwork = iworkSize;
      double *work = (double *)malloc((size_t)lwork * sizeof(double));
      int *iwork = (int *)malloc((size_t)liwork * sizeof(int));
      if (work == NULL || iwork == NULL) {
        free(work);
        free(iwork);
        napi_throw_error(env, NULL, "syevd: out of memory for LAPACK's workspace");
        return NULL;
      }
      dsyevd_(&jobz, &uplo, &n, a, &n, w, work, &lwork, iwork, &liwork, &result);
      free(work);
      free(iwork);
    }
  }
  napi_value out;
  napi_create_int32(env, result, &out);
  return out;
}

/* dgemm(transA, transB, m, n, k, alpha, a, b, beta, c): C = alpha·op(A)·op(B) + beta·C, row-major. */
napi_value gantry_dgemm(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  int transA, transB, m, n, k;
  double alpha, beta, *a, *b, *c;
  size_t na, nb, nc;
  if (!gantry_args(env, info, 10, argv) || !gantry_int(env, argv[0], "transA", &transA) || !gantry_int(env, argv[1], "transB", &transB) ||
      !gantry_int(env, argv[2], "m", &m) || !gantry_int(env, argv[3], "n", &n) || !gantry_int(env, argv[4], "k", &k) ||
      !gantry_double(env, argv[5], "alpha", &alpha) || !gantry_f64(env, argv[6], "a", &a, &na) ||
      !gantry_f64(env, argv[7], "b", &b, &nb) || !gantry_double(env, argv[8], "beta", &beta) || !gantry_f64(env, argv[9], "c", &c, &nc)) {
    return NULL;
  }
  if (m < 0 || n < 0 || k < 0 || (int64_t)na < (int64_t)m * k || (int64_t)nb < (int64_t)k * n || (int64_t)nc < (int64_t)m * n) {
    gantry_range_error(env, "dgemm: an operand is shorter than its sizes require");
    return NULL;
  }
  if (m == 0 || n == 0) return NULL;
  if (k == 0) {
    for (int64_t i = 0; i < (int64_t)m * n; i++) c[i] *= beta;
    return NULL;
  }
  cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k, alpha, a, transA ? m : k, b,
              transB ? k : n, beta, c, n);
  return NULL;
}
