#ifndef GANTRY_NATIVE_ELEMENTWISE_H
#define GANTRY_NATIVE_ELEMENTWISE_H
#include <node_api.h>

/* ReLU of one value as tfjs-backend-cpu computes it (Math.max(0, v)): NaN stays NaN, −0 becomes 0. The
 * Relu kernel and the fused dense layer (dense.c) both use it, so their values stay the same bit for bit. */
static inline float gantry_relu_value(float v) { return v != v ? v : v > 0.0f ? v : 0.0f; }

/* Step of one value as tfjs-backend-cpu computes it: NaN stays NaN, 1 above 0, `below` otherwise. The Step
 * kernel and ReLU's backward pass (reluBackprop, below 0) both use it. */
static inline float gantry_step_value(float v, float below) { return v != v ? v : v > 0.0f ? 1.0f : below; }
napi_value gantry_tanh(napi_env env, napi_callback_info info);
napi_value gantry_leaky_relu(napi_env env, napi_callback_info info);
napi_value gantry_relu(napi_env env, napi_callback_info info);
napi_value gantry_step(napi_env env, napi_callback_info info);
napi_value gantry_relu_backprop(napi_env env, napi_callback_info info);
#endif
