// The native backend's kernel table: every kernel of the wasm backend, registered again under "native"
// (the native backend is the wasm backend's instance, so they run unchanged: XNNPACK's element-wise ops,
// reductions and the rest), then the GEMM-shaped ones replaced by the addon's. The wasm copies stay
// reachable as each replaced kernel's fallback and as stockKernel(…, "native").
import { tf, replaceKernel } from "@gantry/core";
import type { NativeAddon } from "./addon.js";
import { batchMatMulKernel } from "./kernels/batch-mat-mul.js";
import { conv2dBackpropFilterKernel, conv2dBackpropInputKernel, conv2dKernel } from "./kernels/conv2d.js";
import { fusedMatMulKernel } from "./kernels/fused-mat-mul.js";
import { NATIVE } from "./kernels/kernel-backend.js";
import { tanhKernel } from "./kernels/tanh.js";

/** The kernels the addon provides, by TF.js kernel name. */
export const NATIVE_KERNELS = ["BatchMatMul", "_FusedMatMul", "Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter", "Tanh"] as const;

export function registerNativeKernels(addon: NativeAddon): void {
  for (const k of tf.getKernelsForBackend("wasm")) {
    if (!tf.getKernel(k.kernelName, NATIVE)) tf.registerKernel({ ...k, backendName: NATIVE });
  }
  replaceKernel("BatchMatMul", NATIVE, batchMatMulKernel(addon));
  replaceKernel("_FusedMatMul", NATIVE, fusedMatMulKernel(addon));
  replaceKernel("Conv2D", NATIVE, conv2dKernel(addon));
  replaceKernel("Conv2DBackpropInput", NATIVE, conv2dBackpropInputKernel(addon));
  replaceKernel("Conv2DBackpropFilter", NATIVE, conv2dBackpropFilterKernel(addon));
  replaceKernel("Tanh", NATIVE, tanhKernel(addon));
}
