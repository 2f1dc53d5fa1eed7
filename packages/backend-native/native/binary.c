/* Float32 Add, Sub and Multiply over the broadcasts a dense layer and its gradient make (src/kernels/binary.ts):
 * the output read as [outer, inner], each operand either full, repeated along outer ([inner], a bias row),
 * repeated along inner ([outer, 1], a column) or one value. wasm's Add of a bias row took ≈ 32 µs per
 * 512 × 128 call, 3× a same-shape Add (benchmarks/speed); here every case is one loop gcc vectorises. One
 * float32 operation per element, as every TF.js backend computes it, so the values are the same bit for bit. */
#include "binary.h"

#include <stddef.h>

#include "args.h"

enum { ADD = 0, SUB = 1, MUL = 2 };

/* How an operand's values map onto the [outer, inner] output. */
enum { FULL = 0, ROW = 1, COLUMN = 2, SCALAR = 3 };

static size_t operand_size(int mode, size_t outer, size_t inner) {
  return mode == FULL ? outer * inner : mode == ROW ? inner : mode == COLUMN ? outer : 1;
}

/* One loop per case, each with its index arithmetic fixed, so that each vectorises. */
#define DEFINE_LOOPS(NAME, EXPR)                                                                             \
  static void NAME(const float *a, int am, const float *b, int bm, float *restrict y, size_t outer, size_t inner) { \
    for (size_t o = 0; o < outer; o++) {                                                                    \
      float *restrict yr = y + o * inner;                                                                   \
      const float *ar = a + (am == FULL ? o * inner : 0), *br = b + (bm == FULL ? o * inner : 0);           \
      const float ac = am == COLUMN ? a[o] : a[0], bc = bm == COLUMN ? b[o] : b[0];                         \
      const int av = am == FULL || am == ROW, bv = bm == FULL || bm == ROW;                                 \
      if (av && bv) {                                                                                       \
        for (size_t i = 0; i < inner; i++) { const float x = ar[i], z = br[i]; yr[i] = EXPR; }              \
      } else if (av) {                                                                                      \
        for (size_t i = 0; i < inner; i++) { const float x = ar[i], z = bc; yr[i] = EXPR; }                 \
      } else if (bv) {                                                                                      \
        for (size_t i = 0; i < inner; i++) { const float x = ac, z = br[i]; yr[i] = EXPR; }                 \
      } else {                                                                                              \
        for (size_t i = 0; i < inner; i++) { const float x = ac, z = bc; yr[i] = EXPR; }                    \
      }                                                                                                     \
    }                                                                                                       \
  }

DEFINE_LOOPS(add, x + z)
DEFINE_LOOPS(sub, x - z)
DEFINE_LOOPS(mul, x * z)

/* binary(op, a, aMode, b, bMode, y, outer, inner): y[o·inner + i] = a(o, i) op b(o, i). */
napi_value gantry_binary(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  float *a, *b, *y;
  size_t na, nb, ny;
  int op, am, bm, outer_i, inner_i;
  if (!gantry_args(env, info, 8, argv) || !gantry_int(env, argv[0], "op", &op) || !gantry_f32(env, argv[1], "a", &a, &na) ||
      !gantry_int(env, argv[2], "aMode", &am) || !gantry_f32(env, argv[3], "b", &b, &nb) || !gantry_int(env, argv[4], "bMode", &bm) ||
      !gantry_f32(env, argv[5], "y", &y, &ny) || !gantry_int(env, argv[6], "outer", &outer_i) || !gantry_int(env, argv[7], "inner", &inner_i)) return NULL;
  if (op < ADD || op > MUL || am < FULL || am > SCALAR || bm < FULL || bm > SCALAR || outer_i < 0 || inner_i < 0) {
    gantry_range_error(env, "binary: op is 0 (add), 1 (sub) or 2 (mul), modes 0–3, outer and inner ≥ 0");
    return NULL;
  }
  const size_t outer = (size_t)outer_i, inner = (size_t)inner_i;
  if (outer * inner == 0) return NULL;
  if (na < operand_size(am, outer, inner) || nb < operand_size(bm, outer, inner) || ny < outer * inner) {
    gantry_range_error(env, "binary: an operand or y is shorter than its mode and [outer, inner] require");
    return NULL;
  }
  (op == ADD ? add : op == SUB ? sub : mul)(a, am, b, bm, y, outer, inner);
  return NULL;
}
