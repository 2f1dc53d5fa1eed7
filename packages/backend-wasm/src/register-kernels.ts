// Gantry's kernels for the wasm backend, registered by wasm.setup() once the backend is initialised
// (so the stock kernels' setup has run and they stay usable as fallbacks).
import { conv2dBackpropFilterKernel } from "./conv2d-backprop-filter.js";
import { conv2dBackpropInputKernel } from "./conv2d-backprop-input.js";
import { conv2dKernel } from "./conv2d-same-padding.js";
import { replaceKernel, sharedCastKernel, sharedIdentityKernel } from "@gantry/core";
import { transposeFirstKernel } from "./transposed-mat-mul.js";

export function registerWasmKernels(): void {
  replaceKernel("Conv2D", "wasm", conv2dKernel);
  replaceKernel("Conv2DBackpropFilter", "wasm", () => conv2dBackpropFilterKernel);
  replaceKernel("Conv2DBackpropInput", "wasm", conv2dBackpropInputKernel);
  replaceKernel("BatchMatMul", "wasm", (stock) => transposeFirstKernel("BatchMatMul", stock));
  replaceKernel("_FusedMatMul", "wasm", (stock) => transposeFirstKernel("_FusedMatMul", stock));
  replaceKernel("Identity", "wasm", sharedIdentityKernel);
  replaceKernel("Cast", "wasm", sharedCastKernel);
}
