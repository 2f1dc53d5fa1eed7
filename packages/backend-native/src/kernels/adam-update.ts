// core's AdamUpdate kernel (optimizers/adam-update-kernel.ts) on the addon (native/adam.c): one call per
// parameter instead of thirteen element-wise kernels, bit-identical results.
import { AdamUpdate, type AdamUpdateAttrs, type tf } from "@gantry/core";
import type { NativeAddon } from "../addon.js";
import { heapView, type NativeKernelBackend } from "./kernel-backend.js";

export function adamUpdateKernel(addon: NativeAddon): () => tf.KernelFunc {
  return () => (args) => {
    const { g, m, v, bc1, bc2 } = args.inputs as Record<"g" | "m" | "v" | "bc1" | "bc2", tf.TensorInfo>;
    for (const t of [g, m, v, bc1, bc2]) if (t.dtype !== "float32") throw new Error(`${AdamUpdate} (native): float32 inputs only, got ${t.dtype}`);
    const a = args.attrs as unknown as AdamUpdateAttrs;
    const backend = args.backend as NativeKernelBackend;
    const outputs = [backend.makeOutput([...g.shape], "float32"), backend.makeOutput([...g.shape], "float32"), backend.makeOutput([...g.shape], "float32")];
    // Views after the last allocation (an allocation may grow the heap and detach earlier views).
    const [m1, v1, u] = outputs.map((t) => heapView(backend, t));
    addon.adamUpdate(heapView(backend, g), heapView(backend, m), heapView(backend, v), heapView(backend, bc1), heapView(backend, bc2), m1, v1, u,
      Float64Array.of(a.beta1, a.oneMinusBeta1, a.beta2, a.oneMinusBeta2, a.eps, a.epsRoot, a.negLr));
    return outputs;
  };
}
