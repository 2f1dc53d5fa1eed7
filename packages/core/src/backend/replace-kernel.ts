// Registers a Gantry kernel in place of a backend's stock one (ADR 0003, 0004: TF.js defects are fixed
// where kernels are registered, not worked around in callers). Idempotent; keeps the stock kernel
// for fallback and for tests that compare against it.
import * as tf from "@tensorflow/tfjs-core";

/**
 * The kernel function Gantry registered, per "backend/kernel". Per registration, not per function: a
 * backend that copies another's kernels (the native backend copies wasm's, Gantry's among them) must
 * still get its own replacements, so a copied Gantry kernel counts as stock on the copying backend.
 */
const ours = new Map<string, tf.KernelFunc>();
const stockKernels = new Map<string, tf.KernelFunc>();

/** Replaces kernelName on backendName by make(stock); does nothing when Gantry's is already there. */
export function replaceKernel(kernelName: string, backendName: string, make: (stock: tf.KernelFunc | undefined) => tf.KernelFunc): void {
  const key = `${backendName}/${kernelName}`;
  const current = tf.getKernel(kernelName, backendName);
  if (current && ours.get(key) === current.kernelFunc) return;
  if (current) {
    stockKernels.set(key, current.kernelFunc);
    tf.unregisterKernel(kernelName, backendName); // re-registering without this logs a warning
  }
  const kernelFunc = make(current?.kernelFunc);
  ours.set(key, kernelFunc);
  tf.registerKernel({ kernelName, backendName, kernelFunc, setupFunc: current?.setupFunc, disposeFunc: current?.disposeFunc });
}

/** The kernel TF.js had registered before Gantry replaced it, if any. */
export function stockKernel(kernelName: string, backendName: string): tf.KernelFunc | undefined {
  return stockKernels.get(`${backendName}/${kernelName}`);
}

/** Whether the kernel registered now is the one Gantry registered for this backend. */
export function isGantryKernel(kernelName: string, backendName: string): boolean {
  const k = tf.getKernel(kernelName, backendName);
  return k !== undefined && ours.get(`${backendName}/${kernelName}`) === k.kernelFunc;
}
