#ifndef GANTRY_NATIVE_HUGE_BUFFER_H
#define GANTRY_NATIVE_HUGE_BUFFER_H
#include <node_api.h>
napi_value gantry_float64_buffer(napi_env env, napi_callback_info info);
#endif
