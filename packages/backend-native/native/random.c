/* core's SeededNormal kernel (src/kernels/seeded-normal.ts): tf.randomNormal's numbers for a seed, bit
 * for bit — alea's stream from the state seedrandom derived in JavaScript, Marsaglia's polar method with
 * the same double operations in the same order, fdlibm's log as V8's Math.log, one rounding to float32
 * per value.
 *
 * alea computes t = 2091639·s0 + c·2⁻³², c = ⌊t⌋, s = t − c in doubles. Seeded by seedrandom, s0, s1, s2
 * are multiples of 2⁻³² in [0, 1) and c an integer below 2091639, so every value is exact and this is the
 * lag-3 multiply-with-carry generator x = (2091639·x₋₃ + c) mod 2³², c = ⌊(2091639·x₋₃ + c) / 2³²⌋ on
 * integers, with s = x·2⁻³². The integer recurrence is ≈ 4× shorter per step than the double one.
 *
 * Two passes, so that only the recurrence is serial:
 *   1. walk the stream and keep each accepted pair (v1, v2 inside the unit disc) as its two 32-bit x's,
 *      written into the output's own two slots (no scratch memory);
 *   2. turn each kept pair into its two normals (log, sqrt, division) in a loop gcc vectorises.
 * Splitting pass 2 over two threads measured slower: waking a helper costs more than its half of the work.
 * On one thread ≈ 5× the single-pass double loop this replaces (docs/performance.md): pass 1 ≈ 3.5 ns per
 * pair drawn, pass 2 ≈ 4.5 ns per pair kept on AVX-512 (≈ 18 ns scalar). */
#include "random.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "args.h"
#include "fdlibm-log.h"

#define TWO_POW_MINUS_32 2.3283064365386963e-10
#define ALEA_MULTIPLIER 2091639u

typedef struct {
  uint64_t x0, x1, x2, c;
} alea_t;

static uint32_t alea_next(alea_t *a) {
  const uint64_t t = ALEA_MULTIPLIER * a->x0 + a->c;
  a->x0 = a->x1;
  a->x1 = a->x2;
  a->c = t >> 32;
  a->x2 = t & 0xffffffffu;
  return (uint32_t)a->x2;
}

/* v = 2·s − 1 with s = x·2⁻³², as alea's caller computes it from alea's double output. */
static double unit(uint32_t x) { return 2 * ((double)x * TWO_POW_MINUS_32) - 1; }

/* alea's state as integers; 0 unless it is one that seedrandom can produce (see above). */
static int alea_from(const double *state, alea_t *a) {
  double x[3];
  for (int k = 0; k < 3; k++) {
    x[k] = state[k] * 4294967296.0;
    if (!(state[k] >= 0 && state[k] < 1) || x[k] != floor(x[k])) return 0;
  }
  if (!(state[3] >= 0 && state[3] < ALEA_MULTIPLIER) || state[3] != floor(state[3])) return 0;
  a->x0 = (uint64_t)x[0];
  a->x1 = (uint64_t)x[1];
  a->x2 = (uint64_t)x[2];
  a->c = (uint64_t)state[3];
  return 1;
}

/* Pass 1 over `pairs` pairs: slots 2k and 2k + 1 of `out` hold pair k's x's. Branch-free: every pair is
 * written, and the index moves on only past an accepted one (a rejection branch mispredicts 21 % of the time). */
static void keep_accepted(alea_t *a, uint32_t *out, size_t pairs) {
  size_t k = 0;
  while (k < pairs) {
    const uint32_t xa = alea_next(a), xb = alea_next(a);
    const double v1 = unit(xa), v2 = unit(xb);
    const double s = v1 * v1 + v2 * v2;
    out[2 * k] = xa;
    out[2 * k + 1] = xb;
    k += (size_t)((s < 1) & (s != 0));
  }
}

/* The polar method's two normals for an accepted pair. */
static inline void polar(uint32_t xa, uint32_t xb, double mean, double std, float *y1, float *y2) {
  const double v1 = unit(xa), v2 = unit(xb);
  const double s = v1 * v1 + v2 * v2;
  const double scale = sqrt(-2.0 * gantry_fdlibm_log_positive(s) / s);
  *y1 = (float)(mean + std * v1 * scale);
  *y2 = (float)(mean + std * v2 * scale);
}

/* Pass 2 over `pairs` pairs whose x's are in `raw`, into `out`: a loop gcc vectorises (fdlibm-log.h). */
GANTRY_VECTOR_CLONES
static void polar_pairs(const uint32_t *restrict raw, float *restrict out, size_t pairs, double mean, double std) {
  for (size_t k = 0; k < pairs; k++) polar(raw[2 * k], raw[2 * k + 1], mean, std, &out[2 * k], &out[2 * k + 1]);
}

#define BLOCK_PAIRS 256

/* Pass 2 over `pairs` pairs: pass 1 left their x's in the very slots that get their normals, so each block
 * of x's is copied out first (2 KB on the stack) and the vector loop never reads what it writes. */
static void pass2(float *out, size_t pairs, double mean, double std) {
  uint32_t raw[2 * BLOCK_PAIRS];
  for (size_t k = 0; k < pairs; k += BLOCK_PAIRS) {
    const size_t m = pairs - k < BLOCK_PAIRS ? pairs - k : BLOCK_PAIRS;
    memcpy(raw, &out[2 * k], 2 * m * sizeof raw[0]);
    polar_pairs(raw, &out[2 * k], m, mean, std);
  }
}

/* seededNormal(out, state, meanStd): state = alea's [s0, s1, s2, c] after seeding; meanStd = [mean, std]. */
napi_value gantry_seeded_normal(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  float *out;
  double *state, *ms;
  size_t n, ns, nms;
  if (!gantry_args(env, info, 3, argv) || !gantry_f32(env, argv[0], "out", &out, &n) || !gantry_f64(env, argv[1], "state", &state, &ns) ||
      !gantry_f64(env, argv[2], "meanStd", &ms, &nms)) return NULL;
  alea_t a;
  if (ns < 4 || nms < 2 || !alea_from(state, &a)) {
    gantry_range_error(env, "seededNormal: state is seedrandom's alea [s0, s1, s2, c] (s's multiples of 2^-32 in [0, 1), c an integer below 2091639), meanStd [mean, std]");
    return NULL;
  }
  const size_t pairs = n / 2;
  uint32_t *raw = (uint32_t *)out; /* float and uint32_t have the same size and alignment */
  keep_accepted(&a, raw, pairs);
  pass2(out, pairs, ms[0], ms[1]);
  if (n % 2) { /* an odd size ends on the first value of one more pair */
    uint32_t tail[2];
    float unused;
    keep_accepted(&a, tail, 1);
    polar(tail[0], tail[1], ms[0], ms[1], &out[n - 1], &unused);
  }
  return NULL;
}
