// Tanh with glibc's tanhf through the addon (native/elementwise.c): the wasm kernel it replaces spent
// ≈ 50 ns per element in emscripten's libm, 27 % of an Unrolled K = 5 step with tanh networks
// (benchmarks/speed/profile.ts). Non-float32 inputs go to the wasm kernel.
import type { tf } from "@gantry/core";
import type { NativeAddon } from "../addon.js";
import { heapView, type NativeKernelBackend } from "./kernel-backend.js";

export function tanhKernel(addon: NativeAddon): (stock: tf.KernelFunc | undefined) => tf.KernelFunc {
  return (stock) => (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (x.dtype !== "float32") {
      if (!stock) throw new Error("Tanh (native): no wasm kernel to fall back to");
      return stock(args);
    }
    const backend = args.backend as NativeKernelBackend;
    const y = backend.makeOutput([...x.shape], "float32");
    addon.tanh(heapView(backend, x), heapView(backend, y));
    return y;
  };
}
