/* @gantry/backend-native's Node-API addon: BLAS/LAPACK entry points for the native backend's kernels
 * (src/kernels/) and @gantry/metrics' linear algebra (src/linear-algebra.ts). Arguments are typed arrays
 * read in place; results are written into arrays the caller allocated. docs/adr/0012-native-backend.md. */
#include <node_api.h>

#include "adam.h"
#include "binary.h"
#include "dense.h"
#include "conv.h"
#include "elementwise.h"
#include "fdlibm-log.h"
#include "huge-buffer.h"
#include "gemm.h"
#include "lapack.h"
#include "random.h"
#include "reduce.h"

/* OpenBLAS's thread control (the pthread build's). */
extern void openblas_set_num_threads(int n);
extern int openblas_get_num_threads(void);
extern char *openblas_get_config(void);

#include "args.h"

static napi_value set_threads(napi_env env, napi_callback_info info) {
  napi_value argv[GANTRY_MAX_ARGS];
  int n;
  if (!gantry_args(env, info, 1, argv) || !gantry_int(env, argv[0], "threads", &n)) return NULL;
  if (n < 1) {
    gantry_range_error(env, "threads must be at least 1");
    return NULL;
  }
  openblas_set_num_threads(n);
  return NULL;
}

static napi_value threads(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  napi_create_int32(env, openblas_get_num_threads(), &out);
  return out;
}

static napi_value blas_config(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  napi_create_string_utf8(env, openblas_get_config(), NAPI_AUTO_LENGTH, &out);
  return out;
}

static napi_value init(napi_env env, napi_value exports) {
  const napi_property_descriptor functions[] = {
    {"sgemm", NULL, gantry_sgemm, NULL, NULL, NULL, napi_enumerable, NULL},
    {"dense", NULL, gantry_dense, NULL, NULL, NULL, napi_enumerable, NULL},
    {"conv2d", NULL, gantry_conv2d, NULL, NULL, NULL, napi_enumerable, NULL},
    {"conv2dBackpropInput", NULL, gantry_conv2d_backprop_input, NULL, NULL, NULL, napi_enumerable, NULL},
    {"conv2dBackpropFilter", NULL, gantry_conv2d_backprop_filter, NULL, NULL, NULL, napi_enumerable, NULL},
    {"tanh", NULL, gantry_tanh, NULL, NULL, NULL, napi_enumerable, NULL},
    {"leakyRelu", NULL, gantry_leaky_relu, NULL, NULL, NULL, napi_enumerable, NULL},
    {"relu", NULL, gantry_relu, NULL, NULL, NULL, napi_enumerable, NULL},
    {"step", NULL, gantry_step, NULL, NULL, NULL, napi_enumerable, NULL},
    {"reluBackprop", NULL, gantry_relu_backprop, NULL, NULL, NULL, napi_enumerable, NULL},
    {"binary", NULL, gantry_binary, NULL, NULL, NULL, napi_enumerable, NULL},
    {"reduceSum", NULL, gantry_reduce_sum, NULL, NULL, NULL, napi_enumerable, NULL},
    {"adamUpdate", NULL, gantry_adam_update, NULL, NULL, NULL, napi_enumerable, NULL},
    {"seededNormal", NULL, gantry_seeded_normal, NULL, NULL, NULL, napi_enumerable, NULL},
    {"fdlibmLog", NULL, gantry_fdlibm_log, NULL, NULL, NULL, napi_enumerable, NULL},
    {"syevd", NULL, gantry_syevd, NULL, NULL, NULL, napi_enumerable, NULL},
    {"dgemm", NULL, gantry_dgemm, NULL, NULL, NULL, napi_enumerable, NULL},
    {"float64Buffer", NULL, gantry_float64_buffer, NULL, NULL, NULL, napi_enumerable, NULL},
    {"setThreads", NULL, set_threads, NULL, NULL, NULL, napi_enumerable, NULL},
    {"threads", NULL, threads, NULL, NULL, NULL, napi_enumerable, NULL},
    {"blasConfig", NULL, blas_config, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof functions / sizeof functions[0], functions);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
