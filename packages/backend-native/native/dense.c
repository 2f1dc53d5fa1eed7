/* core's FusedDense kernel (src/kernels/fused-dense.ts): y = act(x·W + b) for row-major x [m, k], W [k, n],
 * b [n] (or none), one OpenBLAS sgemm and then the bias and activation in one pass over y while it is still
 * in cache. The bias add is one float32 addition after the product, and ReLU is tfjs-backend-cpu's Math.max
 * (NaN stays NaN, −0 becomes 0), so y equals BatchMatMul, Add and Relu run one after another bit for bit. */
#include "dense.h"

#include <cblas.h>
#include <stdint.h>

#include "args.h"
#include "elementwise.h"

enum { LINEAR = 0, RELU = 1 };

static void bias_relu(float *restrict y, const float *restrict b, size_t m, size_t n, int has_bias, int relu) {
  for (size_t r = 0; r < m; r++) {
    float *restrict row = y + r * n;
    if (has_bias) for (size_t i = 0; i < n; i++) row[i] = row[i] + b[i];
    if (relu) for (size_t i = 0; i < n; i++) row[i] = gantry_relu_value(row[i]);
  }
}

/* dense(x, w, b, y, m, n, k, activation): b of length 0 for no bias; activation 0 linear, 1 relu. */
napi_value gantry_dense(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  float *x, *w, *b, *y;
  size_t nx, nw, nb, ny;
  int m, n, k, activation;
  if (!gantry_args(env, info, 8, argv) || !gantry_f32(env, argv[0], "x", &x, &nx) || !gantry_f32(env, argv[1], "w", &w, &nw) ||
      !gantry_f32(env, argv[2], "b", &b, &nb) || !gantry_f32(env, argv[3], "y", &y, &ny) || !gantry_int(env, argv[4], "m", &m) ||
      !gantry_int(env, argv[5], "n", &n) || !gantry_int(env, argv[6], "k", &k) || !gantry_int(env, argv[7], "activation", &activation)) return NULL;
  if (m < 0 || n < 0 || k < 0 || (activation != LINEAR && activation != RELU)) {
    gantry_range_error(env, "dense: m, n, k ≥ 0 and activation 0 (linear) or 1 (relu)");
    return NULL;
  }
  if ((uint64_t)m * k > nx || (uint64_t)k * n > nw || (uint64_t)m * n > ny || (nb != 0 && nb < (size_t)n)) {
    gantry_range_error(env, "dense: x, w, b or y is shorter than m, n and k require (b may be empty: no bias)");
    return NULL;
  }
  if (m == 0 || n == 0) return NULL;
  if (k == 0) {
    for (int64_t j = 0; j < (int64_t)m * n; j++) y[j] = 0.0f;
  } else {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f, x, k, w, n, 0.0f, y, n);
  }
  bias_relu(y, b, (size_t)m, (size_t)n, nb != 0, activation == RELU);
  return NULL;
}
