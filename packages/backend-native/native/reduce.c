/* Sum and mean over one contiguous block of axes (src/kernels/reduce.ts). The wasm backend transposes the
 * reduced axes to the end before summing, so batch norm's moments over N·H·W of an NHWC tensor cost a
 * full transpose each (≈ 1 ms per call in a DCGAN-28 step; benchmarks/speed/profile.ts). Here x is read
 * as [outer, reduced, inner] in place and summed in float64. */
#include "reduce.h"

#include <stddef.h>
#include <string.h>

#include "args.h"

/* Σ of n floats with 8 independent float64 partial sums (a single accumulator serialises on the add). */
static double sum_contiguous(const float *x, size_t n) {
  double p[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  size_t i = 0;
  for (; i + 8 <= n; i += 8)
    for (int k = 0; k < 8; k++) p[k] += x[i + k];
  double s = ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]));
  for (; i < n; i++) s += x[i];
  return s;
}

/* reduceSum(x, outer, reduced, inner, y, scale): x as [outer, reduced, inner];
 * y[o·inner + i] = scale · Σ_r x[(o·reduced + r)·inner + i]. */
napi_value gantry_reduce_sum(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  float *x, *y;
  size_t nx, ny;
  int outer, reduced, inner;
  double scale;
  if (!gantry_args(env, info, 6, argv) || !gantry_f32(env, argv[0], "x", &x, &nx) || !gantry_int(env, argv[1], "outer", &outer) ||
      !gantry_int(env, argv[2], "reduced", &reduced) || !gantry_int(env, argv[3], "inner", &inner) ||
      !gantry_f32(env, argv[4], "y", &y, &ny) || !gantry_double(env, argv[5], "scale", &scale)) return NULL;
  if (outer < 0 || reduced < 0 || inner < 0) {
    gantry_range_error(env, "reduceSum: outer, reduced and inner must be ≥ 0");
    return NULL;
  }
  const size_t O = (size_t)outer, R = (size_t)reduced, I = (size_t)inner;
  if (nx < O * R * I || ny < O * I) {
    gantry_range_error(env, "reduceSum: x or y is shorter than its [outer, reduced, inner] shape");
    return NULL;
  }
  if (O * I == 0) return NULL; /* an empty output */
  if (I == 1) {
    for (size_t o = 0; o < O; o++) y[o] = (float)(scale * sum_contiguous(x + o * R, R));
    return NULL;
  }
  /* Row by row into float64 accumulators (the scratch buffer holds I doubles). */
  double *acc = (double *)gantry_scratch(env, 2 * I);
  if (acc == NULL) return NULL;
  for (size_t o = 0; o < O; o++) {
    memset(acc, 0, I * sizeof(double));
    for (size_t r = 0; r < R; r++) {
      const float *row = x + (o * R + r) * I;
      for (size_t i = 0; i < I; i++) acc[i] += row[i];
    }
    for (size_t i = 0; i < I; i++) y[o * I + i] = (float)(scale * acc[i]);
  }
  return NULL;
}
