// Gantry's kernels for the cpu backend, registered by cpu.setup() after tfjs-backend-cpu is imported
// (registration order decides which kernel wins).
import { conv2dBackpropFilterKernel } from "./conv2d-backprop-filter.js";
import { replaceKernel } from "@gantry/core";

export function registerCpuKernels(): void {
  replaceKernel("Conv2DBackpropFilter", "cpu", conv2dBackpropFilterKernel);
}
