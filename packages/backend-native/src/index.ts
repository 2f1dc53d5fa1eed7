// @gantry/backend-native public API.
export { native, nativeBackend, NATIVE_INSTALL_HINT, type NativeBackendOptions } from "./native-backend.js";
export { loadAddon, addonPath, type AddonLoad, type NativeAddon } from "./addon.js";
export { nativeLinearAlgebra } from "./native-linear-algebra.js";
export { NATIVE_GANTRY_KERNELS, NATIVE_KERNELS } from "./register-kernels.js";
export { backendNativePlugin } from "./plugin.js";
