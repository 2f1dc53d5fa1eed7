#ifndef GANTRY_NATIVE_BINARY_H
#define GANTRY_NATIVE_BINARY_H
#include <node_api.h>
napi_value gantry_binary(napi_env env, napi_callback_info info);
#endif
