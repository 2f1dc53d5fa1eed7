// @gantry/losses public API: adversarial losses on logits, and the plugin that provides them by name.
export { minimax, minimaxSchema, type MinimaxOptions } from "./minimax.js";
export { nonSaturating, nonSaturatingSchema, type NonSaturatingOptions } from "./non-saturating.js";
export { wasserstein, wassersteinSchema } from "./wasserstein.js";
export { hinge, hingeSchema } from "./hinge.js";
export { leastSquares, leastSquaresSchema, type LeastSquaresOptions } from "./least-squares.js";
export { relativisticAverage, relativisticAverageSchema } from "./relativistic-average.js";
export { meanSigmoidCrossEntropy } from "./binary-cross-entropy.js";
export { lossesPlugin } from "./plugin.js";
