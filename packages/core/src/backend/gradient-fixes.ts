// Installs TF.js's stock gradients (stock-gradients.ts; tfjs-core alone registers none in Node), then
// Gantry's fixes on top, so the fixes win (ADR 0003, 0004, 0011), and the gradients of Gantry's own
// differentiable kernels (ops/).
// Each fix lives in gradient-fixes/<op>-grad.ts with the TF.js 4.22 defect it repairs (a wrong or
// missing gradient, or, for Sum and Mean, one that does x-sized work in JavaScript).
import * as tf from "@tensorflow/tfjs-core";
import { conv2dBackpropFilterGrad } from "./gradient-fixes/conv2d-backprop-filter-grad.js";
import { eluGrad } from "./gradient-fixes/elu-grad.js";
import { expGrad } from "./gradient-fixes/exp-grad.js";
import { leakyReluGrad } from "./gradient-fixes/leaky-relu-grad.js";
import { powGrad } from "./gradient-fixes/pow-grad.js";
import { meanGrad, sumGrad } from "./gradient-fixes/reduction-grads.js";
import { relu6Grad } from "./gradient-fixes/relu6-grad.js";
import { reluGrad } from "./gradient-fixes/relu-grad.js";
import { sigmoidGrad } from "./gradient-fixes/sigmoid-grad.js";
import { softmaxGrad } from "./gradient-fixes/softmax-grad.js";
import { softplusGrad } from "./gradient-fixes/softplus-grad.js";
import { tanhGrad } from "./gradient-fixes/tanh-grad.js";
import { zeroGrads } from "./gradient-fixes/zero-grads.js";
import { fusedDenseGrad } from "../ops/fused-dense.js";
import { reluBackpropGrad } from "../ops/relu-backprop.js";
import { registerStockGradients } from "./stock-gradients.js";

/** Gantry's gradient configs, registered after the stock ones so they replace them. */
export const gradientFixes: readonly tf.GradConfig[] = [
  tanhGrad, sigmoidGrad, eluGrad, leakyReluGrad, reluGrad, relu6Grad, softplusGrad, expGrad, softmaxGrad, powGrad,
  conv2dBackpropFilterGrad, sumGrad, meanGrad, ...zeroGrads,
];

/** The gradients of Gantry's own kernels, which a backend may register (TF.js has none for them). */
export const gantryKernelGradients: readonly tf.GradConfig[] = [fusedDenseGrad, reluBackpropGrad];

/**
 * Registers the stock gradients, then Gantry's fixes and its kernels' gradients. Registration order decides which gradient wins
 * (the last `registerGradient` for a kernel), so the stock gradients come first; each call re-asserts
 * the fixes, in case something registered stock gradients again since the last call.
 */
export async function installGradientFixes(): Promise<void> {
  await registerStockGradients();
  for (const config of [...gradientFixes, ...gantryKernelGradients]) {
    if (tf.getGradient(config.kernelName) !== config) tf.registerGradient(config);
  }
}
