// Registers a Gantry kernel in place of a backend's stock one (ADR 0003, 0004: TF.js defects are fixed
// where kernels are registered, not worked around in callers). Idempotent; keeps the stock kernel
// for fallback and for tests that compare against it.
import * as tf from "@tensorflow/tfjs-core";

const ours = new WeakSet<tf.KernelFunc>();
const stockKernels = new Map<string, tf.KernelFunc>();

/** Replaces kernelName on backendName by make(stock); does nothing when Gantry's is already there. */
export function replaceKernel(kernelName: string, backendName: string, make: (stock: tf.KernelFunc | undefined) => tf.KernelFunc): void {
  const current = tf.getKernel(kernelName, backendName);
  if (current && ours.has(current.kernelFunc)) return;
  if (current) {
    stockKernels.set(`${backendName}/${kernelName}`, current.kernelFunc);
    tf.unregisterKernel(kernelName, backendName); // re-registering without this logs a warning
  }
  const kernelFunc = make(current?.kernelFunc);
  ours.add(kernelFunc);
  tf.registerKernel({ kernelName, backendName, kernelFunc, setupFunc: current?.setupFunc, disposeFunc: current?.disposeFunc });
}

/** The kernel TF.js had registered before Gantry replaced it, if any. */
export function stockKernel(kernelName: string, backendName: string): tf.KernelFunc | undefined {
  return stockKernels.get(`${backendName}/${kernelName}`);
}

/** Whether the kernel registered now is one of Gantry's. */
export function isGantryKernel(kernelName: string, backendName: string): boolean {
  const k = tf.getKernel(kernelName, backendName);
  return k !== undefined && ours.has(k.kernelFunc);
}
