// @gantry/regularizers public API: remedies for failure to converge and the Wasserstein critic's
// Lipschitz constraints, each a `regularizer` (see @gantry/core), and the plugin that provides them.
export { instanceNoise, instanceNoiseSchema, type InstanceNoiseOptions } from "./instance-noise.js";
export { roth, rothSchema, rothOmega, type RothOptions } from "./roth.js";
export { weightClipping, weightClippingSchema, type WeightClippingOptions } from "./weight-clipping.js";
export { gradientPenalty, gradientPenaltySchema, interpolatedGradientPenalty, type GradientPenaltyOptions } from "./gradient-penalty.js";
export { r1, r2, zeroCenteredPenaltySchema, meanSquaredInputGradient, type ZeroCenteredPenaltyOptions } from "./r1-r2.js";
export { spectralNorm, spectralNormSchema, spectralNormalize, type SpectralNormOptions, type SpectralNormalized } from "./spectral-norm.js";
export { inputGradient, squaredNormPerSample } from "./input-gradient.js";
export type { RegularizerIdentity } from "./regularizer-options.js";
export { regularizersPlugin } from "./plugin.js";
