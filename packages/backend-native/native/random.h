#ifndef GANTRY_NATIVE_RANDOM_H
#define GANTRY_NATIVE_RANDOM_H
#include <node_api.h>
napi_value gantry_seeded_normal(napi_env env, napi_callback_info info);
#endif
