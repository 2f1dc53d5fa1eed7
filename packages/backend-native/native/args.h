/* Argument helpers shared by the addon's functions: typed arrays are read in place (zero copy), numbers
 * as int32/double. Every helper throws a JavaScript TypeError and returns 0 on a bad argument. */
#ifndef GANTRY_NATIVE_ARGS_H
#define GANTRY_NATIVE_ARGS_H

#include <node_api.h>
#include <stddef.h>

#define GANTRY_MAX_ARGS 12

/* The call's arguments; 0 (with a pending exception) unless exactly `want` were passed. */
int gantry_args(napi_env env, napi_callback_info info, size_t want, napi_value *argv);

/* A Float32Array's data and length in elements. */
int gantry_f32(napi_env env, napi_value v, const char *name, float **data, size_t *length);

/* A Float64Array's data and length in elements. */
int gantry_f64(napi_env env, napi_value v, const char *name, double **data, size_t *length);

/* An Int32Array's data and length in elements. */
int gantry_i32s(napi_env env, napi_value v, const char *name, int **data, size_t *length);

int gantry_int(napi_env env, napi_value v, const char *name, int *out);
int gantry_double(napi_env env, napi_value v, const char *name, double *out);

/* Throws a RangeError with `message` and returns 0. */
int gantry_range_error(napi_env env, const char *message);

/* A scratch buffer of at least `floats` floats, grown on demand and reused across calls (the addon runs
 * on Node's main thread only), so hot loops do not allocate. NULL (with a pending exception) on failure. */
float *gantry_scratch(napi_env env, size_t floats);

#endif
