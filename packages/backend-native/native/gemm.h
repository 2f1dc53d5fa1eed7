#ifndef GANTRY_NATIVE_GEMM_H
#define GANTRY_NATIVE_GEMM_H
#include <node_api.h>
napi_value gantry_sgemm(napi_env env, napi_callback_info info);
#endif
