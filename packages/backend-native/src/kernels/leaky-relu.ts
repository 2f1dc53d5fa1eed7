// LeakyRelu on the addon (native/elementwise.c): wasm's kernel took ≈ 4 ms per 0.8 M-element DCGAN-28
// activation (benchmarks/speed/profile.ts). Non-float32 inputs go to the wasm kernel.
import type { tf } from "@gantry/core";
import type { NativeAddon } from "../addon.js";
import { float32UnaryKernel } from "./kernel-backend.js";

export function leakyReluKernel(addon: NativeAddon): (stock: tf.KernelFunc | undefined) => tf.KernelFunc {
  return float32UnaryKernel("LeakyRelu", (x, y, attrs) => addon.leakyRelu(x, y, attrs.alpha as number));
}
