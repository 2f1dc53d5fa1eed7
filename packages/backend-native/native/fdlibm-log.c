/* fdlibmLog(x, out): out[i] = log(x[i]) by fdlibm-log.h's vectorised loop, for tests that compare it with
 * Math.log on every one of its branches. x must be positive, normal and finite. */
#include <math.h>

#include "args.h"
#include "fdlibm-log.h"

GANTRY_VECTOR_CLONES
static void logs(const double *restrict x, double *restrict out, size_t n) {
  for (size_t i = 0; i < n; i++) out[i] = gantry_fdlibm_log_positive(x[i]);
}

napi_value gantry_fdlibm_log(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  double *x, *out;
  size_t n, no;
  if (!gantry_args(env, info, 2, argv) || !gantry_f64(env, argv[0], "x", &x, &n) || !gantry_f64(env, argv[1], "out", &out, &no)) return NULL;
  if (no < n) {
    gantry_range_error(env, "fdlibmLog: out is shorter than x");
    return NULL;
  }
  for (size_t i = 0; i < n; i++) {
    if (!(isnormal(x[i]) && x[i] > 0)) {
      gantry_range_error(env, "fdlibmLog: every x must be positive, normal and finite");
      return NULL;
    }
  }
  logs(x, out, n);
  return NULL;
}
