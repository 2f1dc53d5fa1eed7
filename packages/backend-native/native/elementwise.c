/* Element-wise kernels that the wasm backend runs slowly: tanh (emscripten's scalar libm tanhf was
 * ≈ 50 ns per element, 27 % of an Unrolled K = 5 step with tanh networks; benchmarks/speed/profile.ts;
 * glibc's tanhf is correctly rounded to within 1 ulp), leaky ReLU (≈ 4 ms per DCGAN-28 layer on wasm,
 * a select this loop vectorises), and ReLU, its gradient's Step, and that gradient in one pass (dy · step(y),
 * core's ReluBackprop) (vectorised selects, bit for bit tfjs-backend-cpu's). */
#include "elementwise.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>

#include "args.h"

/* The arguments (x, y) or (x, y, alpha) of the functions below: float32 x and y, y at least as long as x.
 * 0 (with a pending exception) otherwise. */
static int unary_args(napi_env env, napi_callback_info info, const char *name, float **x, float **y, size_t *n, double *alpha) {
  napi_value argv[GANTRY_MAX_ARGS];
  size_t ny;
  if (!gantry_args(env, info, alpha ? 3 : 2, argv) || !gantry_f32(env, argv[0], "x", x, n) || !gantry_f32(env, argv[1], "y", y, &ny) ||
      (alpha && !gantry_double(env, argv[2], "alpha", alpha))) return 0;
  if (ny < *n) {
    char message[64];
    snprintf(message, sizeof message, "%s: y is shorter than x", name);
    gantry_range_error(env, message);
    return 0;
  }
  return 1;
}

/* tanh(x, y): y[i] = tanh(x[i]) for i < x.length (y at least as long). */
napi_value gantry_tanh(napi_env env, napi_callback_info info) {
  float *x, *y;
  size_t nx;
  if (!unary_args(env, info, "tanh", &x, &y, &nx, NULL)) return NULL;
  for (size_t i = 0; i < nx; i++) y[i] = tanhf(x[i]);
  return NULL;
}

/* leakyRelu(x, y, alpha): y[i] = alpha·x[i] if x[i] < 0, else x[i], the product in float64 and rounded
 * once, as tfjs-backend-cpu computes it (bit for bit; NaN and −0 pass through) for i < x.length. */
napi_value gantry_leaky_relu(napi_env env, napi_callback_info info) {
  float *x, *y;
  size_t nx;
  double alpha;
  if (!unary_args(env, info, "leakyRelu", &x, &y, &nx, &alpha)) return NULL;
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
  float *x, *y;
  size_t nx;
  if (!unary_args(env, info, "relu", &x, &y, &nx, NULL)) return NULL;
  const float *restrict in = x;
  float *restrict out = y;
  for (size_t i = 0; i < nx; i++) out[i] = gantry_relu_value(in[i]);
  return NULL;
}

/* step(x, y, alpha): y[i] = NaN if x[i] is NaN, else x[i] > 0 ? 1 : alpha (rounded to float32), as
 * tfjs-backend-cpu computes it. */
napi_value gantry_step(napi_env env, napi_callback_info info) {
  float *x, *y;
  size_t nx;
  double alpha;
  if (!unary_args(env, info, "step", &x, &y, &nx, &alpha)) return NULL;
  const float *restrict in = x;
  float *restrict out = y;
  const float below = (float)alpha;
  for (size_t i = 0; i < nx; i++) out[i] = gantry_step_value(in[i], below);
  return NULL;
}

/* reluBackprop(dy, y, out): out[i] = dy[i] · step(y[i]), step as gantry_step computes it with alpha 0 (NaN
 * stays NaN), then one float32 product, as Step and Multiply compute it one after the other; for
 * i < dy.length (y and out at least as long). */
napi_value gantry_relu_backprop(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  float *dy, *y, *out;
  size_t n, ny, nout;
  if (!gantry_args(env, info, 3, argv) || !gantry_f32(env, argv[0], "dy", &dy, &n) || !gantry_f32(env, argv[1], "y", &y, &ny) ||
      !gantry_f32(env, argv[2], "out", &out, &nout)) return NULL;
  if (ny < n || nout < n) {
    gantry_range_error(env, "reluBackprop: y or out is shorter than dy");
    return NULL;
  }
  const float *restrict g = dy, *restrict v = y;
  float *restrict o = out;
  for (size_t i = 0; i < n; i++) o[i] = g[i] * gantry_step_value(v[i], 0.0f);
  return NULL;
}
