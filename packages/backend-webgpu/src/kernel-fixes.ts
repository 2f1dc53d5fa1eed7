// Kernels Gantry registers for the webgpu backend after tfjs-backend-webgpu 4.22's own (registration
// order decides which wins): NaN/zero handling of Sigmoid, Relu6, Log and Log1p (special-values.ts),
// and AddN of more inputs than one shader can bind (chunked-add-n.ts).
// The matmul/conv kernels and their backprops match cpu and need no fix (kernel-parity.test.ts).
import { chunkedAddN } from "./chunked-add-n.js";
import { replaceWebgpuKernel } from "./replace-kernel.js";
import { log1pFixed, logFixed, nanPropagating } from "./special-values.js";

export const fixedWebgpuKernels = ["Sigmoid", "Relu6", "Log", "Log1p", "AddN"] as const;

export function registerWebgpuKernelFixes(): void {
  replaceWebgpuKernel("Sigmoid", nanPropagating);
  replaceWebgpuKernel("Relu6", nanPropagating);
  replaceWebgpuKernel("Log", logFixed);
  replaceWebgpuKernel("Log1p", log1pFixed);
  replaceWebgpuKernel("AddN", chunkedAddN);
}
