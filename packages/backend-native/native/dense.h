#ifndef GANTRY_NATIVE_DENSE_H
#define GANTRY_NATIVE_DENSE_H
#include <node_api.h>
napi_value gantry_dense(napi_env env, napi_callback_info info);
#endif
