#ifndef GANTRY_NATIVE_LAPACK_H
#define GANTRY_NATIVE_LAPACK_H
#include <node_api.h>
napi_value gantry_syevd(napi_env env, napi_callback_info info);
napi_value gantry_dgemm(napi_env env, napi_callback_info info);
#endif
