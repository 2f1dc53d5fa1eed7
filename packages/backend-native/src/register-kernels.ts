// The native backend's kernel table: every kernel of the wasm backend, registered again under "native"
// (the native backend is the wasm backend's instance, so they run unchanged: XNNPACK's element-wise ops,
// reductions and the rest), then the GEMM-shaped ones, Tanh, LeakyRelu, Relu, Step, contiguous Sum/Mean
// and Add/Sub/Multiply over row, column and scalar broadcasts replaced by the addon's. The wasm copies
// stay reachable as each replaced kernel's fallback and as stockKernel(…, "native").
import { tf, AdamUpdate, FusedDense, ReluBackprop, SeededNormal, replaceKernel, sharedCastKernel, sharedIdentityKernel } from "@gantry/core";
import type { NativeAddon } from "./addon.js";
import { adamUpdateKernel } from "./kernels/adam-update.js";
import { batchMatMulKernel } from "./kernels/batch-mat-mul.js";
import { binaryKernel } from "./kernels/binary.js";
import { conv2dBackpropFilterKernel, conv2dBackpropInputKernel, conv2dKernel } from "./kernels/conv2d.js";
import { fusedDenseKernel } from "./kernels/fused-dense.js";
import { fusedMatMulKernel } from "./kernels/fused-mat-mul.js";
import { leakyReluKernel } from "./kernels/leaky-relu.js";
import { meanKernel, sumKernel } from "./kernels/reduce.js";
import { reluKernel } from "./kernels/relu.js";
import { reluBackpropKernel } from "./kernels/relu-backprop.js";
import { NATIVE } from "./kernels/kernel-backend.js";
import { seededNormalKernel } from "./kernels/seeded-normal.js";
import { stepKernel } from "./kernels/step.js";
import { tanhKernel } from "./kernels/tanh.js";

/** The kernels the addon provides, by TF.js kernel name. */
export const NATIVE_KERNELS = ["BatchMatMul", "_FusedMatMul", "Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter", "Tanh", "LeakyRelu", "Relu", "Step", "Sum", "Mean", "Add", "Sub", "Multiply"] as const;

/** Gantry's own kernels (no wasm counterpart) that the addon provides. */
export const NATIVE_GANTRY_KERNELS = [AdamUpdate, SeededNormal, FusedDense, ReluBackprop] as const;

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
  replaceKernel("LeakyRelu", NATIVE, leakyReluKernel(addon));
  replaceKernel("Relu", NATIVE, reluKernel(addon));
  replaceKernel("Step", NATIVE, stepKernel(addon));
  replaceKernel("Sum", NATIVE, sumKernel(addon));
  replaceKernel("Mean", NATIVE, meanKernel(addon));
  replaceKernel("Add", NATIVE, binaryKernel(addon, "Add"));
  replaceKernel("Sub", NATIVE, binaryKernel(addon, "Sub"));
  replaceKernel("Multiply", NATIVE, binaryKernel(addon, "Multiply"));
  replaceKernel(AdamUpdate, NATIVE, adamUpdateKernel(addon));
  replaceKernel(SeededNormal, NATIVE, seededNormalKernel(addon));
  replaceKernel(FusedDense, NATIVE, fusedDenseKernel(addon));
  replaceKernel(ReluBackprop, NATIVE, reluBackpropKernel(addon));
  // Not the addon's: the wasm instance's data shared by reference, as @gantry/backend-wasm does.
  replaceKernel("Identity", NATIVE, sharedIdentityKernel);
  replaceKernel("Cast", NATIVE, sharedCastKernel);
}
