// core's ReluBackprop kernel (ops/relu-backprop.ts) on the addon (native/elementwise.c): ReLU's backward
// pass dy · step(y) in one pass instead of Step and Multiply, the same values bit for bit. core calls it
// only for float32 operands of one shape.
import { ReluBackprop, type tf } from "@gantry/core";
import type { NativeAddon } from "../addon.js";
import { heapView, type NativeKernelBackend } from "./kernel-backend.js";

export function reluBackpropKernel(addon: NativeAddon): () => tf.KernelFunc {
  return () => (args) => {
    const { dy, y } = args.inputs as { dy: tf.TensorInfo; y: tf.TensorInfo };
    if (dy.dtype !== "float32" || y.dtype !== "float32") throw new Error(`${ReluBackprop} (native): float32 inputs only, got ${dy.dtype} and ${y.dtype}`);
    if (dy.shape.length !== y.shape.length || dy.shape.some((d, i) => d !== y.shape[i])) {
      throw new Error(`${ReluBackprop} (native): dy and y must have one shape, got [${dy.shape}] and [${y.shape}]`);
    }
    const backend = args.backend as NativeKernelBackend;
    const out = backend.makeOutput([...dy.shape], "float32");
    addon.reluBackprop(heapView(backend, dy), heapView(backend, y), heapView(backend, out));
    return out;
  };
}
