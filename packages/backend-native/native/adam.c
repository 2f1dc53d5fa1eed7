/* Adam's per-parameter update in one pass (core's AdamUpdate kernel, src/kernels/adam-update.ts): the
 * 13 element-wise kernels of the unfused update, each rounding to float32, done here in the same order
 * with the same float32 roundings (-std=c11 keeps gcc from contracting a·b + c into an FMA), so the
 * results are bit-identical and one call replaces thirteen. */
#include "adam.h"

#include <math.h>
#include <stddef.h>

#include "args.h"

/* adamUpdate(g, m, v, bc1, bc2, mOut, vOut, update, coefficients): coefficients (float64) are
 * [β₁, 1 − β₁, β₂, 1 − β₂, eps, epsRoot, −lr], each rounded to float32 as the unfused ops' scalars are. */
napi_value gantry_adam_update(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  float *g, *m, *v, *bc1, *bc2, *m1, *v1, *u;
  double *coef;
  size_t ng, nm, nv, nb1, nb2, nm1, nv1, nu, nc;
  if (!gantry_args(env, info, 9, argv) || !gantry_f32(env, argv[0], "g", &g, &ng) || !gantry_f32(env, argv[1], "m", &m, &nm) ||
      !gantry_f32(env, argv[2], "v", &v, &nv) || !gantry_f32(env, argv[3], "bc1", &bc1, &nb1) || !gantry_f32(env, argv[4], "bc2", &bc2, &nb2) ||
      !gantry_f32(env, argv[5], "mOut", &m1, &nm1) || !gantry_f32(env, argv[6], "vOut", &v1, &nv1) || !gantry_f32(env, argv[7], "update", &u, &nu) ||
      !gantry_f64(env, argv[8], "coefficients", &coef, &nc)) return NULL;
  if (nm < ng || nv < ng || nm1 < ng || nv1 < ng || nu < ng || nb1 < 1 || nb2 < 1 || nc < 7) {
    gantry_range_error(env, "adamUpdate: m, v and the outputs must be as long as g; bc1, bc2 scalars; 7 coefficients");
    return NULL;
  }
  const float b1 = (float)coef[0], ob1 = (float)coef[1], b2 = (float)coef[2], ob2 = (float)coef[3];
  const float eps = (float)coef[4], eps_root = (float)coef[5], neg_lr = (float)coef[6];
  const float c1 = bc1[0], c2 = bc2[0];
  for (size_t i = 0; i < ng; i++) {
    const float gi = g[i];
    const float mi = m[i] * b1 + gi * ob1;
    const float vi = v[i] * b2 + (gi * gi) * ob2;
    float v_hat = vi / c2;
    if (eps_root != 0.0f) v_hat = v_hat + eps_root;
    const float denom = sqrtf(v_hat) + eps;
    u[i] = ((mi / c1) / denom) * neg_lr;
    m1[i] = mi;
    v1[i] = vi;
  }
  return NULL;
}
