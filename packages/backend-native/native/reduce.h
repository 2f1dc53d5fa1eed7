#ifndef GANTRY_NATIVE_REDUCE_H
#define GANTRY_NATIVE_REDUCE_H
#include <node_api.h>
napi_value gantry_reduce_sum(napi_env env, napi_callback_info info);
#endif
