#ifndef GANTRY_NATIVE_ADAM_H
#define GANTRY_NATIVE_ADAM_H
#include <node_api.h>
napi_value gantry_adam_update(napi_env env, napi_callback_info info);
#endif
