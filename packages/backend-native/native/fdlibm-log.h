/* log(x) as fdlibm 5.3 computes it (e_log.c), which V8 ports for Math.log (src/base/ieee754.cc): native
 * code that must reproduce a JavaScript computation bit for bit (random.c's polar method) uses this.
 *
 * The algorithm and coefficients are fdlibm's:
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunSoft, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 *
 * Method: write x = 2^k·(1 + f) with √2/2 < 1 + f < √2, then log(1 + f) = f − f²/2 + s·(f²/2 + R(z)),
 * s = f/(2 + f), z = s², R a minimax polynomial in z (Lg1..Lg7), and log(x) = k·ln2 + log(1 + f) with
 * ln2 split into a high part (exact in k·ln2_hi for |k| < 2000) and a low part.
 *
 * Only for positive, normal, finite x (the polar method's s in (0, 1) is at least 2⁻⁶², far from
 * subnormal): fdlibm's branches for 0, negatives, subnormals, ∞ and NaN are left out. Its remaining
 * branches are computed on both sides and selected, so that gcc turns a loop over this into vector code
 * (4 or 8 logs per instruction; the same IEEE operations per lane, so the same bits). fdlibm's k = 0
 * shortcuts are the general formulas with k·ln2 = 0, value for value (a − b = −(b − a) when rounding to
 * nearest), so they are not separate cases here. Tested against Math.log on every branch (fdlibmLog in
 * addon.c; src/kernels/kernels.test.ts). */
#ifndef GANTRY_NATIVE_FDLIBM_LOG_H
#define GANTRY_NATIVE_FDLIBM_LOG_H

#include <node_api.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* fdlibmLog(x: Float64Array, out: Float64Array): the loop below over x, for tests (fdlibm-log.c). */
napi_value gantry_fdlibm_log(napi_env env, napi_callback_info info);

static inline double gantry_fdlibm_log_positive(double x) {
  static const double ln2_hi = 6.93147180369123816490e-01; /* 0x3fe62e42 0xfee00000 */
  static const double ln2_lo = 1.90821492927058770002e-10; /* 0x3dea39ef 0x35793c76 */
  static const double Lg1 = 6.666666666666735130e-01;      /* 0x3FE55555 0x55555593 */
  static const double Lg2 = 3.999999999940941908e-01;      /* 0x3FD99999 0x9997FA04 */
  static const double Lg3 = 2.857142874366239149e-01;      /* 0x3FD24924 0x94229359 */
  static const double Lg4 = 2.222219843214978396e-01;      /* 0x3FCC71C5 0x1D8E78AF */
  static const double Lg5 = 1.818357216161805012e-01;      /* 0x3FC74664 0x96CB03DE */
  static const double Lg6 = 1.531383769920937332e-01;      /* 0x3FC39A09 0xD078C69F */
  static const double Lg7 = 1.479819860511658591e-01;      /* 0x3FC2F112 0xDF3E5244 */
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  /* 64-bit lanes and logical shifts throughout: AVX2 has no 64-bit arithmetic shift (x > 0, so none is needed) */
  int64_t hx = (int64_t)(bits >> 32);
  int64_t k = (int64_t)((uint64_t)hx >> 20) - 1023;
  hx &= 0x000fffff;
  const int64_t i = (hx + 0x95f64) & 0x100000;
  bits = ((uint64_t)(hx | (i ^ 0x3ff00000)) << 32) | (bits & 0xffffffffu); /* normalise x or x/2 */
  memcpy(&x, &bits, sizeof bits);
  k += (int64_t)((uint64_t)i >> 20);
  const double f = x - 1.0;
  /* (double)k without an int64 → double instruction (AVX2 has none): the bits of 2⁵² + 2³¹ + k, less 2⁵² + 2³¹ */
  uint64_t kbits = 0x4330000000000000u + (uint64_t)(k + 0x80000000);
  double dk;
  memcpy(&dk, &kbits, sizeof dk);
  dk -= 4503601774854144.0;
  /* |f| < 2⁻²⁰ (including f = 0, where this is k·ln2_hi + k·ln2_lo) */
  const double r_small = f * f * (0.5 - 0.33333333333333333 * f);
  const double tiny = dk * ln2_hi - ((r_small - dk * ln2_lo) - f);
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double w = z * z;
  const double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const double R = t2 + t1;
  const double hfsq = 0.5 * f * f;
  const double with_hfsq = dk * ln2_hi - ((hfsq - (s * (hfsq + R) + dk * ln2_lo)) - f);
  const double without = dk * ln2_hi - ((s * (f - R) - dk * ln2_lo) - f);
  const double general = ((hx - 0x6147a) | (0x6b851 - hx)) > 0 ? with_hfsq : without;
  return (0x000fffff & (2 + hx)) < 3 ? tiny : general;
}

/* Builds a loop in vector clones for x86-64-v4 (AVX-512) and AVX2 besides the baseline one, picked at
 * load time by the CPU (GNU ifunc); elsewhere, one build for the target. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define GANTRY_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#else
#define GANTRY_VECTOR_CLONES
#endif

#endif
