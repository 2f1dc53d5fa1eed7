#ifndef GANTRY_NATIVE_ELEMENTWISE_H
#define GANTRY_NATIVE_ELEMENTWISE_H
#include <node_api.h>
napi_value gantry_tanh(napi_env env, napi_callback_info info);
napi_value gantry_leaky_relu(napi_env env, napi_callback_info info);
napi_value gantry_relu(napi_env env, napi_callback_info info);
napi_value gantry_step(napi_env env, napi_callback_info info);
napi_value gantry_relu_backprop(napi_env env, napi_callback_info info);
#endif
