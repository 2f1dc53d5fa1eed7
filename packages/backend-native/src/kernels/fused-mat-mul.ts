// _FusedMatMul (tf.fused.matMul): the GEMM natively, then the bias and activation with the native
// backend's own Add and activation kernels (the wasm ones), as tfjs-backend-cpu composes it.
import { tf } from "@gantry/core";
import type { NativeAddon } from "../addon.js";
import { nativeMatMul, planMatMul } from "./batch-mat-mul.js";
import { NATIVE, wasmFallback, type NativeKernelBackend } from "./kernel-backend.js";

interface FusedAttrs {
  readonly transposeA: boolean;
  readonly transposeB: boolean;
  readonly activation?: tf.fused.Activation;
  readonly leakyreluAlpha?: number;
}

const activationKernels: Partial<Record<tf.fused.Activation, string>> = {
  relu: "Relu", relu6: "Relu6", elu: "Elu", sigmoid: "Sigmoid", leakyrelu: "LeakyRelu", prelu: "Prelu",
};

function run(kernelName: string, backend: NativeKernelBackend, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap = {}): tf.TensorInfo {
  const k = tf.getKernel(kernelName, NATIVE);
  if (!k) throw new Error(`_FusedMatMul (native): no ${kernelName} kernel on ${NATIVE}`);
  return k.kernelFunc({ inputs, backend: backend as unknown as tf.KernelBackend, attrs }) as tf.TensorInfo;
}

export function fusedMatMulKernel(addon: NativeAddon): (stock: tf.KernelFunc | undefined) => tf.KernelFunc {
  return (stock) => (args) => {
    const { a, b, bias, preluActivationWeights } = args.inputs as Record<string, tf.TensorInfo | undefined>;
    const attrs = args.attrs as unknown as FusedAttrs;
    const activation = attrs.activation ?? "linear";
    const plan = a!.dtype === "float32" && b!.dtype === "float32" ? planMatMul(a!.shape, b!.shape, attrs) : undefined;
    if (!plan || (activation !== "linear" && !activationKernels[activation])) return wasmFallback("_FusedMatMul", stock, args);
    const backend = args.backend as NativeKernelBackend;
    let current = nativeMatMul(addon, backend, a!, b!, plan, attrs);
    const step = (next: tf.TensorInfo): void => {
      backend.disposeData(current.dataId);
      current = next;
    };
    if (bias) step(run("Add", backend, { a: current, b: bias }));
    if (activation === "prelu") step(run("Prelu", backend, { x: current, alpha: preluActivationWeights! }));
    else if (activation === "leakyrelu") step(run("LeakyRelu", backend, { x: current }, { alpha: attrs.leakyreluAlpha ?? 0.2 }));
    else if (activation !== "linear") step(run(activationKernels[activation]!, backend, { x: current }));
    return current;
  };
}
