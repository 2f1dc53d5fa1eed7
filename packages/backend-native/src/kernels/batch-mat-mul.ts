// BatchMatMul on OpenBLAS's sgemm: one GEMM per batch entry, transposes handled by BLAS, a batch of one
// on either side broadcast by a zero stride. Batch shapes that broadcast otherwise ([2, 1] × [1, 3]),
// and non-float32 dtypes, go to the wasm kernel it replaces.
import { tf } from "@gantry/core";
import type { NativeAddon } from "../addon.js";
import { heapView, sizeOf, wasmFallback, type NativeKernelBackend } from "./kernel-backend.js";

interface MatMulAttrs {
  readonly transposeA: boolean;
  readonly transposeB: boolean;
}

/** The GEMM a BatchMatMul call is, or undefined when the native kernel does not handle it. */
export interface MatMulPlan {
  readonly outShape: number[];
  readonly batch: number;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly strideA: number;
  readonly strideB: number;
}

export function planMatMul(aShape: readonly number[], bShape: readonly number[], attrs: MatMulAttrs): MatMulPlan | undefined {
  const ra = aShape.length, rb = bShape.length;
  if (ra < 2 || rb < 2) return undefined;
  const m = attrs.transposeA ? aShape[ra - 1] : aShape[ra - 2];
  const k = attrs.transposeA ? aShape[ra - 2] : aShape[ra - 1];
  const kb = attrs.transposeB ? bShape[rb - 1] : bShape[rb - 2];
  const n = attrs.transposeB ? bShape[rb - 2] : bShape[rb - 1];
  if (k !== kb) return undefined; // the stock kernel throws TF.js's own message
  const outerA = aShape.slice(0, -2), outerB = bShape.slice(0, -2);
  let outer: number[];
  try {
    outer = tf.broadcast_util.assertAndGetBroadcastShape(outerA, outerB);
  } catch {
    return undefined;
  }
  const batchA = sizeOf(outerA), batchB = sizeOf(outerB), batch = sizeOf(outer);
  if ((batchA !== batch && batchA !== 1) || (batchB !== batch && batchB !== 1)) return undefined;
  return {
    outShape: [...outer, m, n], batch, m, n, k,
    strideA: batchA === 1 ? 0 : m * k,
    strideB: batchB === 1 ? 0 : k * n,
  };
}

/** a·b (with transposes) into a new float32 tensor on the native backend. */
export function nativeMatMul(addon: NativeAddon, backend: NativeKernelBackend, a: tf.TensorInfo, b: tf.TensorInfo, p: MatMulPlan, attrs: MatMulAttrs): tf.TensorInfo {
  const out = backend.makeOutput(p.outShape, "float32");
  addon.sgemm(attrs.transposeA ? 1 : 0, attrs.transposeB ? 1 : 0, p.batch, p.m, p.n, p.k,
    heapView(backend, a), p.strideA, heapView(backend, b), p.strideB, heapView(backend, out));
  return out;
}

export function batchMatMulKernel(addon: NativeAddon): (stock: tf.KernelFunc | undefined) => tf.KernelFunc {
  return (stock) => (args) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const attrs = args.attrs as unknown as MatMulAttrs;
    const plan = a.dtype === "float32" && b.dtype === "float32" ? planMatMul(a.shape, b.shape, attrs) : undefined;
    if (!plan) return wasmFallback("BatchMatMul", stock, args);
    return nativeMatMul(addon, args.backend as NativeKernelBackend, a, b, plan, attrs);
  };
}
