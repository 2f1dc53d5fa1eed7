// core's SeededNormal kernel on the addon (native/random.c): tf.randomNormal's numbers for a seed, bit for
// bit, written straight into the output tensor in the wasm heap (no JavaScript array, no upload).
import type { SeededNormalAttrs, tf } from "@gantry/core";
import type { NativeAddon } from "../addon.js";
import { heapView, type NativeKernelBackend } from "./kernel-backend.js";

export function seededNormalKernel(addon: NativeAddon): () => tf.KernelFunc {
  return () => (args) => {
    const a = args.attrs as unknown as SeededNormalAttrs;
    const backend = args.backend as NativeKernelBackend;
    const out = backend.makeOutput([...a.shape], "float32");
    addon.seededNormal(heapView(backend, out), Float64Array.of(a.s0, a.s1, a.s2, a.c), Float64Array.of(a.mean, a.std));
    return out;
  };
}
