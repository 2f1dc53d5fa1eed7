#ifndef GANTRY_NATIVE_CONV_H
#define GANTRY_NATIVE_CONV_H
#include <node_api.h>
napi_value gantry_conv2d(napi_env env, napi_callback_info info);
napi_value gantry_conv2d_backprop_input(napi_env env, napi_callback_info info);
napi_value gantry_conv2d_backprop_filter(napi_env env, napi_callback_info info);
#endif
