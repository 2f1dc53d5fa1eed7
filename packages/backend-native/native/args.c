#include "args.h"

#include <stdio.h>
#include <stdlib.h>

int gantry_args(napi_env env, napi_callback_info info, size_t want, napi_value *argv) {
  size_t argc = GANTRY_MAX_ARGS;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return 0;
  if (argc != want) {
    char message[96];
    snprintf(message, sizeof message, "expected %zu arguments, got %zu", want, argc);
    napi_throw_type_error(env, NULL, message);
    return 0;
  }
  return 1;
}

static int typed(napi_env env, napi_value v, const char *name, napi_typedarray_type want, const char *kind, void **data, size_t *length) {
  bool is = false;
  napi_typedarray_type type;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is ||
      napi_get_typedarray_info(env, v, &type, length, data, NULL, NULL) != napi_ok || type != want) {
    char message[128];
    snprintf(message, sizeof message, "%s must be a %s", name, kind);
    napi_throw_type_error(env, NULL, message);
    return 0;
  }
  return 1;
}

int gantry_f32(napi_env env, napi_value v, const char *name, float **data, size_t *length) {
  return typed(env, v, name, napi_float32_array, "Float32Array", (void **)data, length);
}

int gantry_f64(napi_env env, napi_value v, const char *name, double **data, size_t *length) {
  return typed(env, v, name, napi_float64_array, "Float64Array", (void **)data, length);
}

int gantry_i32s(napi_env env, napi_value v, const char *name, int **data, size_t *length) {
  return typed(env, v, name, napi_int32_array, "Int32Array", (void **)data, length);
}

int gantry_int(napi_env env, napi_value v, const char *name, int *out) {
  if (napi_get_value_int32(env, v, out) != napi_ok) {
    char message[96];
    snprintf(message, sizeof message, "%s must be a number", name);
    napi_throw_type_error(env, NULL, message);
    return 0;
  }
  return 1;
}

int gantry_double(napi_env env, napi_value v, const char *name, double *out) {
  if (napi_get_value_double(env, v, out) != napi_ok) {
    char message[96];
    snprintf(message, sizeof message, "%s must be a number", name);
    napi_throw_type_error(env, NULL, message);
    return 0;
  }
  return 1;
}

int gantry_range_error(napi_env env, const char *message) {
  napi_throw_range_error(env, NULL, message);
  return 0;
}

static float *scratch = NULL;
static size_t scratch_floats = 0;

float *gantry_scratch(napi_env env, size_t floats) {
  if (floats <= scratch_floats) return scratch;
  float *grown = (float *)realloc(scratch, floats * sizeof(float));
  if (grown == NULL) {
    napi_throw_error(env, NULL, "out of memory for the convolution scratch buffer");
    return NULL;
  }
  scratch = grown;
  scratch_floats = floats;
  return scratch;
}
