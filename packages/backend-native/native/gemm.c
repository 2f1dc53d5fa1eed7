/* Batched single-precision GEMM over OpenBLAS: C[i] = op(A[i])·op(B[i]), row-major, for the BatchMatMul
 * kernel. A batch stride of 0 broadcasts that operand over the batch. */
#include "gemm.h"

#include <cblas.h>
#include <stdint.h>

#include "args.h"

/* sgemm(transA, transB, batch, m, n, k, a, strideA, b, strideB, c) */
napi_value gantry_sgemm(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  int transA, transB, batch, m, n, k, strideA, strideB;
  float *a, *b, *c;
  size_t lenA, lenB, lenC;
  if (!gantry_args(env, info, 11, argv) ||
      !gantry_int(env, argv[0], "transA", &transA) || !gantry_int(env, argv[1], "transB", &transB) ||
      !gantry_int(env, argv[2], "batch", &batch) || !gantry_int(env, argv[3], "m", &m) ||
      !gantry_int(env, argv[4], "n", &n) || !gantry_int(env, argv[5], "k", &k) ||
      !gantry_f32(env, argv[6], "a", &a, &lenA) || !gantry_int(env, argv[7], "strideA", &strideA) ||
      !gantry_f32(env, argv[8], "b", &b, &lenB) || !gantry_int(env, argv[9], "strideB", &strideB) ||
      !gantry_f32(env, argv[10], "c", &c, &lenC)) {
    return NULL;
  }
  if (batch < 0 || m < 0 || n < 0 || k < 0 || strideA < 0 || strideB < 0) {
    gantry_range_error(env, "sgemm: sizes and strides must be non-negative");
    return NULL;
  }
  if (batch == 0 || m == 0 || n == 0) return NULL;
  const int64_t last = batch - 1;
  if ((uint64_t)(last * strideA + (int64_t)m * k) > lenA || (uint64_t)(last * strideB + (int64_t)k * n) > lenB ||
      (uint64_t)((int64_t)batch * m * n) > lenC) {
    gantry_range_error(env, "sgemm: an operand is shorter than its sizes and strides require");
    return NULL;
  }
  const int lda = transA ? m : k;
  const int ldb = transB ? k : n;
  for (int i = 0; i < batch; i++) {
    float *out = c + (int64_t)i * m * n;
    if (k == 0) {
      for (int64_t j = 0; j < (int64_t)m * n; j++) out[j] = 0.0f;
      continue;
    }
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k, 1.0f,
                a + (int64_t)i * strideA, lda, b + (int64_t)i * strideB, ldb, 0.0f, out, n);
  }
  return NULL;
}
