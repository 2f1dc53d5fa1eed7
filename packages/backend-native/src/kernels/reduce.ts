// Sum and Mean on the addon (native/reduce.c) when the reduced axes form one contiguous block — batch
// norm's N·H·W moments, a bias gradient's batch sum, a row sum. The wasm kernels they replace transpose
// the reduced axes to the end first (a full copy per call; ≈ 65 ms of a DCGAN-28 step for 64 calls,
// benchmarks/speed/profile.ts). Other axis sets and non-float32 inputs go to the wasm kernel. Empty
// inputs stay here: wasm's Sum of an empty tensor returns uninitialised memory (tf.sum(tf.zeros([0, 3]), 0)).
import { tf } from "@gantry/core";
import type { NativeAddon } from "../addon.js";
import { heapView, wasmFallback, type NativeKernelBackend } from "./kernel-backend.js";

/** x's shape read as [outer, reduced, inner] with the reduced axes in the middle; null if they are not contiguous. */
export interface ReductionSplit { readonly outer: number; readonly reduced: number; readonly inner: number }

/**
 * Size-1 dimensions are ignored, so [N, 1, C] over axes [0, 2] is contiguous but [N, H, C] over [0, 2] is not.
 * A reduced dimension of size 0 makes `reduced` 0: sums of nothing (0; a mean of nothing is 0·∞ = NaN).
 */
export function reductionSplit(shape: readonly number[], axes: readonly number[]): ReductionSplit | null {
  const isReduced = (k: number) => axes.includes(k) && shape[k] !== 1;
  const first = shape.findIndex((_, k) => isReduced(k));
  const product = (from: number, to: number) => shape.slice(from, to).reduce((a, b) => a * b, 1);
  if (first < 0) return { outer: product(0, shape.length), reduced: 1, inner: 1 };
  let last = first;
  for (let k = first; k < shape.length; k++) if (isReduced(k)) last = k;
  for (let k = first; k <= last; k++) if (!axes.includes(k) && shape[k] !== 1) return null;
  return { outer: product(0, first), reduced: product(first, last + 1), inner: product(last + 1, shape.length) };
}

function reduceKernel(addon: NativeAddon, kernelName: "Sum" | "Mean"): (stock: tf.KernelFunc | undefined) => tf.KernelFunc {
  return (stock) => (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims: boolean };
    const axes = tf.util.parseAxisParam(axis, x.shape);
    const split = x.dtype === "float32" ? reductionSplit(x.shape, axes) : null;
    if (!split) return wasmFallback(kernelName, stock, args);
    const outShape = keepDims ? x.shape.map((d, k) => (axes.includes(k) ? 1 : d)) : x.shape.filter((_, k) => !axes.includes(k));
    const backend = args.backend as NativeKernelBackend;
    const y = backend.makeOutput(outShape, "float32");
    const scale = kernelName === "Mean" ? 1 / split.reduced : 1;
    addon.reduceSum(heapView(backend, x), split.outer, split.reduced, split.inner, heapView(backend, y), scale);
    return y;
  };
}

export const sumKernel = (addon: NativeAddon) => reduceKernel(addon, "Sum");
export const meanKernel = (addon: NativeAddon) => reduceKernel(addon, "Mean");
