/* float64Buffer(n): a zeroed Float64Array of n numbers in memory the addon allocates, on transparent huge
 * pages where the kernel offers them (madvise), freed when the array is collected. FID's d × d matrices
 * (32 MiB at d = 2048) otherwise land on fresh 4 KiB pages every time: ≈ 150 ms of page faults per
 * matrix on the 2-vCPU machines Gantry is measured on, ≈ 0.6 s of a 2.7 s FID (benchmarks/speed). numpy
 * asks for huge pages for its large arrays in the same way. */
#define _GNU_SOURCE
#include "huge-buffer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "args.h"

#define HUGE_PAGE ((size_t)2 << 20)

static void release(napi_env env, void *data, void *hint) {
  int64_t adjusted;
  napi_adjust_external_memory(env, -(int64_t)(size_t)hint, &adjusted);
  free(data);
}

napi_value gantry_float64_buffer(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  int n;
  if (!gantry_args(env, info, 1, argv) || !gantry_int(env, argv[0], "n", &n)) return NULL;
  if (n < 0) {
    gantry_range_error(env, "float64Buffer: n must be ≥ 0");
    return NULL;
  }
  const size_t bytes = (size_t)n * sizeof(double);
  const size_t rounded = bytes < HUGE_PAGE ? (bytes < 64 ? 64 : bytes) : (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
  void *data = NULL;
  if (posix_memalign(&data, bytes < HUGE_PAGE ? 64 : HUGE_PAGE, rounded) != 0) {
    napi_throw_error(env, NULL, "float64Buffer: out of memory");
    return NULL;
  }
#ifdef MADV_HUGEPAGE
  if (bytes >= HUGE_PAGE) madvise(data, rounded, MADV_HUGEPAGE); /* advice only: without THP, 4 KiB pages */
#endif
  memset(data, 0, bytes);
  napi_value buffer, out;
  if (napi_create_external_arraybuffer(env, data, bytes, release, (void *)rounded, &buffer) != napi_ok) {
    free(data);
    napi_throw_error(env, NULL, "float64Buffer: this runtime does not allow external array buffers");
    return NULL;
  }
  int64_t adjusted;
  napi_adjust_external_memory(env, (int64_t)rounded, &adjusted); /* so that V8 collects these when they pile up */
  napi_create_typedarray(env, napi_float64_array, (size_t)n, buffer, 0, &out);
  return out;
}
