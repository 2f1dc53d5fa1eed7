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
 * ln2 split into a high part (exact in k·ln2_hi for |k| < 2000) and a low part. */
#include "fdlibm-log.h"

#include <stdint.h>
#include <string.h>

static const double ln2_hi = 6.93147180369123816490e-01; /* 0x3fe62e42 0xfee00000 */
static const double ln2_lo = 1.90821492927058770002e-10; /* 0x3dea39ef 0x35793c76 */
static const double two54 = 1.80143985094819840000e+16;  /* 0x43500000 0x00000000 */
static const double Lg1 = 6.666666666666735130e-01;      /* 0x3FE55555 0x55555593 */
static const double Lg2 = 3.999999999940941908e-01;      /* 0x3FD99999 0x9997FA04 */
static const double Lg3 = 2.857142874366239149e-01;      /* 0x3FD24924 0x94229359 */
static const double Lg4 = 2.222219843214978396e-01;      /* 0x3FCC71C5 0x1D8E78AF */
static const double Lg5 = 1.818357216161805012e-01;      /* 0x3FC74664 0x96CB03DE */
static const double Lg6 = 1.531383769920937332e-01;      /* 0x3FC39A09 0xD078C69F */
static const double Lg7 = 1.479819860511658591e-01;      /* 0x3FC2F112 0xDF3E5244 */

static int32_t high_word(double x) {
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  return (int32_t)(bits >> 32);
}

static uint32_t low_word(double x) {
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  return (uint32_t)bits;
}

static double with_high_word(double x, int32_t high) {
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  bits = ((uint64_t)(uint32_t)high << 32) | (bits & 0xffffffffu);
  memcpy(&x, &bits, sizeof bits);
  return x;
}

double gantry_fdlibm_log(double x) {
  int32_t hx = high_word(x);
  const uint32_t lx = low_word(x);
  int32_t k = 0;
  if (hx < 0x00100000) { /* x < 2^-1022: zero, negative or subnormal */
    if (((hx & 0x7fffffff) | (int32_t)lx) == 0) return -two54 / 0.0; /* log(±0) = −∞ */
    if (hx < 0) return (x - x) / 0.0;                                 /* log(negative) = NaN */
    k -= 54;
    x *= two54; /* scale a subnormal up */
    hx = high_word(x);
  }
  if (hx >= 0x7ff00000) return x + x; /* +∞ or NaN */
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const int32_t i = (hx + 0x95f64) & 0x100000;
  x = with_high_word(x, hx | (i ^ 0x3ff00000)); /* normalise x or x/2 */
  k += i >> 20;
  const double f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) { /* |f| < 2^-20 */
    if (f == 0.0) {
      if (k == 0) return 0.0;
      const double dk = (double)k;
      return dk * ln2_hi + dk * ln2_lo;
    }
    const double R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - R;
    const double dk = (double)k;
    return dk * ln2_hi - ((R - dk * ln2_lo) - f);
  }
  const double s = f / (2.0 + f);
  const double dk = (double)k;
  const double z = s * s;
  const double w = z * z;
  const double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const double R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const double hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + R));
    return dk * ln2_hi - ((hfsq - (s * (hfsq + R) + dk * ln2_lo)) - f);
  }
  if (k == 0) return f - s * (f - R);
  return dk * ln2_hi - ((s * (f - R) - dk * ln2_lo) - f);
}
