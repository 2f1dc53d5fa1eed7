// @gantry/losses public API: adversarial losses on logits, the multi-generator MAD-GAN loss, and the
// plugin that provides the binary losses by name.
export { minimax, minimaxSchema, type MinimaxOptions } from "./minimax.js";
export { nonSaturating, nonSaturatingSchema, type NonSaturatingOptions } from "./non-saturating.js";
export { wasserstein, wassersteinSchema } from "./wasserstein.js";
export { hinge, hingeSchema } from "./hinge.js";
export { leastSquares, leastSquaresSchema, type LeastSquaresOptions } from "./least-squares.js";
export { relativisticAverage, relativisticAverageSchema } from "./relativistic-average.js";
export { meanSigmoidCrossEntropy } from "./binary-cross-entropy.js";
export { madGan, madGanSchema, type MadGanOptions } from "./mad-gan.js";
export type { MultiGeneratorLoss } from "./multi-generator-loss.js";
export { realVoteShares, multiGeneratorAccuracy } from "./multi-generator-diagnostics.js";
export { logSoftmax, meanSoftmaxCrossEntropy } from "./softmax-cross-entropy.js";
export { lossesPlugin } from "./plugin.js";
