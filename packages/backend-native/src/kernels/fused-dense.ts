// core's FusedDense kernel (ops/fused-dense.ts) on the addon (native/dense.c): the GEMM, bias and ReLU in
// one call, with the values of BatchMatMul, Add and Relu run one after another, bit for bit. core's
// fusedDense calls it only for float32 rank-2 operands whose shapes fit; the checks here name what is wrong.
import { FusedDense, type FusedDenseAttrs, type tf } from "@gantry/core";
import type { NativeAddon } from "../addon.js";
import { heapView, type NativeKernelBackend } from "./kernel-backend.js";

const NO_BIAS = new Float32Array(0);

export function fusedDenseKernel(addon: NativeAddon): () => tf.KernelFunc {
  return () => (args) => {
    const { x, kernel, bias } = args.inputs as { x: tf.TensorInfo; kernel: tf.TensorInfo; bias?: tf.TensorInfo };
    const { activation } = args.attrs as unknown as FusedDenseAttrs;
    for (const t of bias ? [x, kernel, bias] : [x, kernel]) if (t.dtype !== "float32") throw new Error(`${FusedDense} (native): float32 inputs only, got ${t.dtype}`);
    const [m, k] = x.shape, [kw, n] = kernel.shape;
    if (x.shape.length !== 2 || kernel.shape.length !== 2 || k !== kw || (bias && (bias.shape.length !== 1 || bias.shape[0] !== n))) {
      throw new Error(`${FusedDense} (native): expected x [m, k], kernel [k, n], bias [n]; got x [${x.shape}], kernel [${kernel.shape}]${bias ? `, bias [${bias.shape}]` : ""}`);
    }
    if (activation !== "linear" && activation !== "relu") throw new Error(`${FusedDense} (native): activation "linear" or "relu", got ${String(activation)}`);
    const backend = args.backend as NativeKernelBackend;
    const y = backend.makeOutput([m, n], "float32");
    // Views after the last allocation (an allocation may grow the heap and detach earlier views).
    addon.dense(heapView(backend, x), heapView(backend, kernel), bias ? heapView(backend, bias) : NO_BIAS, heapView(backend, y), m, n, k, activation === "relu" ? 1 : 0);
    return y;
  };
}
