// Registers a Gantry kernel in place of the webgpu backend's stock one (DESIGN.md §6: TF.js defects
// are fixed where kernels are registered, not worked around in callers). Idempotent; keeps the stock
// kernel so the fix can call it and tests can compare against it.
import { tf } from "@gantry/core";

const ours = new WeakSet<tf.KernelFunc>();
const stockKernels = new Map<string, tf.KernelFunc>();

/** Replaces kernelName on webgpu by make(stock); does nothing when Gantry's is already there. */
export function replaceWebgpuKernel(kernelName: string, make: (stock: tf.KernelFunc) => tf.KernelFunc): void {
  const current = tf.getKernel(kernelName, "webgpu");
  if (!current || ours.has(current.kernelFunc)) return;
  stockKernels.set(kernelName, current.kernelFunc);
  tf.unregisterKernel(kernelName, "webgpu"); // re-registering without this logs a warning
  const kernelFunc = make(current.kernelFunc);
  ours.add(kernelFunc);
  tf.registerKernel({ kernelName, backendName: "webgpu", kernelFunc, setupFunc: current.setupFunc, disposeFunc: current.disposeFunc });
}

/** The kernel tfjs-backend-webgpu had registered before Gantry replaced it. */
export function stockWebgpuKernel(kernelName: string): tf.KernelFunc | undefined {
  return stockKernels.get(kernelName);
}

/** Whether the webgpu kernel registered now is one of Gantry's. */
export function isGantryWebgpuKernel(kernelName: string): boolean {
  const k = tf.getKernel(kernelName, "webgpu");
  return k !== undefined && ours.has(k.kernelFunc);
}
