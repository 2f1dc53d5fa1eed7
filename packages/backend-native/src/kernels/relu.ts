// Relu on the addon (native/elementwise.c): max(0, x) as tfjs-backend-cpu computes it (NaN stays NaN, −0 becomes 0), ≈ 3× wasm's
// kernel on a 512 × 128 activation (benchmarks/speed). Non-float32 inputs go to the wasm kernel.
import type { tf } from "@gantry/core";
import type { NativeAddon } from "../addon.js";
import { float32UnaryKernel } from "./kernel-backend.js";

export function reluKernel(addon: NativeAddon): (stock: tf.KernelFunc | undefined) => tf.KernelFunc {
  return float32UnaryKernel("Relu", (x, y) => addon.relu(x, y));
}
