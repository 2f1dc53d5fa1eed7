// BatchMatMul and _FusedMatMul for the wasm backend with transposeA/transposeB: TF.js 4.22's XNNPACK
// path is 6–50× slower with a transpose flag than transposing first (every dense layer's backward pass
// sets one), so these run the stock Transpose on the last two axes, then the stock kernel without flags.
import { GantryError, tf } from "@gantry/core";
import type { WasmKernelBackend } from "./wasm-kernel-backend.js";

interface MatMulAttrs {
  readonly transposeA: boolean;
  readonly transposeB: boolean;
}

function missing(kernelName: string): GantryError {
  return new GantryError("KERNEL_MISSING", `the wasm backend has no ${kernelName} kernel`, {
    hint: "import @tensorflow/tfjs-backend-wasm 4.22 (the version Gantry's kernels wrap) before wasm.setup()",
  });
}

/** The permutation that swaps the last two axes of a rank-`rank` tensor. */
function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return perm;
}

/** t with its last two axes swapped, as a new tensor the caller frees (stock wasm Transpose). */
function transposed(backend: WasmKernelBackend, t: tf.TensorInfo): tf.TensorInfo {
  const kernel = tf.getKernel("Transpose", "wasm");
  if (!kernel) throw missing("Transpose");
  const attrs = { perm: swapLastTwo(t.shape.length) } as unknown as tf.NamedAttrMap;
  return kernel.kernelFunc({ inputs: { x: t }, backend, attrs }) as tf.TensorInfo;
}

/**
 * Wraps a stock matmul kernel (inputs a, b, …; attrs transposeA, transposeB, …): with a transpose
 * flag set, transposes the flagged operand(s) first and calls stock without flags.
 */
export function transposeFirstKernel(kernelName: string, stock: tf.KernelFunc | undefined): tf.KernelFunc {
  if (!stock) throw missing(kernelName);
  return (args) => {
    const attrs = args.attrs as unknown as MatMulAttrs;
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const float = a.dtype === "float32" && b.dtype === "float32";
    if (!(attrs.transposeA || attrs.transposeB) || !float) return stock(args);
    const backend = args.backend as WasmKernelBackend;
    const aT = attrs.transposeA ? transposed(backend, a) : a;
    const bT = attrs.transposeB ? transposed(backend, b) : b;
    try {
      const flagless = { ...args.attrs, transposeA: false, transposeB: false } as tf.NamedAttrMap;
      return stock({ ...args, inputs: { ...args.inputs, a: aT, b: bT }, attrs: flagless });
    } finally {
      if (aT !== a) backend.disposeData(aT.dataId);
      if (bT !== b) backend.disposeData(bT.dataId);
    }
  };
}
