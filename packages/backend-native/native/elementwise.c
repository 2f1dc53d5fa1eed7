/* Element-wise kernels that the wasm backend runs slowly: tanh (emscripten's scalar libm tanhf was
 * ≈ 50 ns per element, 27 % of an Unrolled K = 5 step with tanh networks; benchmarks/speed/profile.ts;
 * glibc's tanhf is correctly rounded to within 1 ulp), leaky ReLU (≈ 4 ms per DCGAN-28 layer on wasm,
 * a select this loop vectorises), and ReLU and its gradient's Step (≈ 14 and 22 µs per 512 × 128 call on
 * wasm, ≈ 4 here). */
#include "elementwise.h"

#include <math.h>
#include <stddef.h>

#include "args.h"

/* tanh(x, y): y[i] = tanh(x[i]) for i < x.length (y at least as long). */
napi_value gantry_tanh(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  float *x, *y;
  size_t nx, ny;
  if (!gantry_args(env, info, 2, argv) || !gantry_f32(env, argv[0], "x", &x, &nx) || !gantry_f32(env, argv[1], "y", &y, &ny)) return NULL;
  if (ny < nx) {
    gantry_range_error(env, "tanh: y is shorter than x");
    return NULL;
  }
  for (size_t i = 0; i < nx; i++) y[i] = tanhf(x[i]);
  return NULL;
}

/* leakyRelu(x, y, alpha): y[i] = alpha·x[i] if x[i] < 0, else x[i], the product in float64 and rounded
 * once, as tfjs-backend-cpu computes it (bit for bit; NaN and −0 pass through) for i < x.length. */
napi_value gantry_leaky_relu(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  float *x, *y;
  size_t nx, ny;
  double alpha;
  if (!gantry_args(env, info, 3, argv) || !gantry_f32(env, argv[0], "x", &x, &nx) || !gantry_f32(env, argv[1], "y", &y, &ny) ||
      !gantry_double(env, argv[2], "alpha", &alpha)) return NULL;
  if (ny < nx) {
    gantry_range_error(env, "leakyRelu: y is shorter than x");
    return NULL;
  }
  /* Both sides computed, then selected: with -fno-trapping-math (binding.gyp) gcc vectorises the select;
   * as a branch, random signs cost ≈ 5 ns per element in mispredictions. y is a new output, never x. */
  const float *restrict in = x;
  float *restrict out = y;
  for (size_t i = 0; i < nx; i++) {
    const float v = in[i];
    const float scaled = (float)(alpha * (double)v);
    out[i] = v < 0.0f ? scaled : v;
  }
  return NULL;
}

/* relu(x, y): y[i] = max(0, x[i]) as tfjs-backend-cpu computes it (Math.max: NaN stays NaN, −0 becomes 0). */
napi_value gantry_relu(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  float *x, *y;
  size_t nx, ny;
  if (!gantry_args(env, info, 2, argv) || !gantry_f32(env, argv[0], "x", &x, &nx) || !gantry_f32(env, argv[1], "y", &y, &ny)) return NULL;
  if (ny < nx) {
    gantry_range_error(env, "relu: y is shorter than x");
    return NULL;
  }
  const float *restrict in = x;
  float *restrict out = y;
  for (size_t i = 0; i < nx; i++) {
    const float v = in[i];
    out[i] = v != v ? v : v > 0.0f ? v : 0.0f;
  }
  return NULL;
}

/* step(x, y, alpha): y[i] = NaN if x[i] is NaN, else x[i] > 0 ? 1 : alpha (rounded to float32), as
 * tfjs-backend-cpu computes it. */
napi_value gantry_step(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  float *x, *y;
  size_t nx, ny;
  double alpha;
  if (!gantry_args(env, info, 3, argv) || !gantry_f32(env, argv[0], "x", &x, &nx) || !gantry_f32(env, argv[1], "y", &y, &ny) ||
      !gantry_double(env, argv[2], "alpha", &alpha)) return NULL;
  if (ny < nx) {
    gantry_range_error(env, "step: y is shorter than x");
    return NULL;
  }
  const float *restrict in = x;
  float *restrict out = y;
  const float below = (float)alpha;
  for (size_t i = 0; i < nx; i++) {
    const float v = in[i];
    out[i] = v != v ? v : v > 0.0f ? 1.0f : below;
  }
  return NULL;
}
