/* core's SeededNormal kernel (src/kernels/seeded-normal.ts): tf.randomNormal's numbers for a seed, bit
 * for bit — alea's recurrence from the state seedrandom derived in JavaScript, Marsaglia's polar method
 * with the same double operations in the same order, fdlibm's log as V8's Math.log, one rounding to
 * float32 per value. The stream is serial (each alea step needs the last), so this is a tight scalar
 * loop: ≈ 2.5× the JavaScript one, which was a quarter of an MLP GAN step (docs/performance.md). */
#include "random.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "args.h"
#include "fdlibm-log.h"

/* seededNormal(out, state, meanStd): state = alea's [s0, s1, s2, c] after seeding; meanStd = [mean, std]. */
napi_value gantry_seeded_normal(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  float *out;
  double *state, *ms;
  size_t n, ns, nms;
  if (!gantry_args(env, info, 3, argv) || !gantry_f32(env, argv[0], "out", &out, &n) || !gantry_f64(env, argv[1], "state", &state, &ns) ||
      !gantry_f64(env, argv[2], "meanStd", &ms, &nms)) return NULL;
  if (ns < 4 || nms < 2) {
    gantry_range_error(env, "seededNormal: state is [s0, s1, s2, c], meanStd [mean, std]");
    return NULL;
  }
  double s0 = state[0], s1 = state[1], s2 = state[2], c = state[3];
  const double mean = ms[0], std = ms[1];
  size_t i = 0;
  while (i < n) {
    double v1, v2, s;
    do {
      /* alea's next(), twice: t = 2091639·s0 + c·2⁻³²; c = ⌊t⌋ (JavaScript's t | 0, t ≥ 0 here); out t − c. */
      double t = 2091639.0 * s0 + c * 2.3283064365386963e-10;
      s0 = s1;
      s1 = s2;
      c = (double)(int32_t)t;
      s2 = t - c;
      v1 = 2 * s2 - 1;
      t = 2091639.0 * s0 + c * 2.3283064365386963e-10;
      s0 = s1;
      s1 = s2;
      c = (double)(int32_t)t;
      s2 = t - c;
      v2 = 2 * s2 - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s == 0);
    const double scale = sqrt(-2.0 * gantry_fdlibm_log(s) / s);
    out[i++] = (float)(mean + std * v1 * scale);
    if (i < n) out[i++] = (float)(mean + std * v2 * scale);
  }
  return NULL;
}
