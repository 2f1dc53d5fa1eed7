/* Element-wise kernels that the wasm backend runs slowly: tanh (emscripten's scalar libm tanhf was
 * ≈ 50 ns per element, 27 % of an Unrolled K = 5 step with tanh networks; benchmarks/speed/profile.ts).
 * glibc's tanhf is correctly rounded to within 1 ulp. */
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
