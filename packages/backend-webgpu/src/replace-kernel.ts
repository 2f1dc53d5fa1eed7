// Webgpu's use of core's kernel replacement (ADR 0003, 0004: TF.js defects are fixed where kernels are
// registered): a fix is installed only over a stock webgpu kernel, which it may call.
import { isGantryKernel, replaceKernel, stockKernel, tf } from "@gantry/core";

/** Replaces kernelName on webgpu by make(stock); does nothing without a stock kernel or when already fixed. */
export function replaceWebgpuKernel(kernelName: string, make: (stock: tf.KernelFunc) => tf.KernelFunc): void {
  if (!tf.getKernel(kernelName, "webgpu")) return;
  replaceKernel(kernelName, "webgpu", (stock) => make(stock!));
}

/** The kernel tfjs-backend-webgpu had registered before Gantry replaced it. */
export const stockWebgpuKernel = (kernelName: string): tf.KernelFunc | undefined => stockKernel(kernelName, "webgpu");

/** Whether the webgpu kernel registered now is one of Gantry's. */
export const isGantryWebgpuKernel = (kernelName: string): boolean => isGantryKernel(kernelName, "webgpu");
