// Tanh with glibc's tanhf through the addon (native/elementwise.c): the wasm kernel it replaces spent
// ≈ 50 ns per element in emscripten's libm, 27 % of an Unrolled K = 5 step with tanh networks
// (benchmarks/speed/profile.ts). Non-float32 inputs go to the wasm kernel.
import type { tf } from "@gantry/core";
import type { NativeAddon } from "../addon.js";
import { float32UnaryKernel } from "./kernel-backend.js";

export function tanhKernel(addon: NativeAddon): (stock: tf.KernelFunc | undefined) => tf.KernelFunc {
  return float32UnaryKernel("Tanh", (x, y) => addon.tanh(x, y));
}
