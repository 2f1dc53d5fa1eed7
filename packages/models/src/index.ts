// @gantry/models public API, browser-safe: networks, GAN methods, and the plugin that provides them by
// name. The domain classifier read from its weights file is in ./node.ts (@gantry/models/node).

// networks
export { mlp } from "./networks/mlp.js";
export { mlpSchema, mlpActivations, type MlpOptions, type MlpConfig, type MlpActivation } from "./networks/mlp-schema.js";
export * from "./networks/dcgan-entries.js";

// methods
export { alternating, type AlternatingTrainer } from "./methods/alternating.js";
export {
  alternatingSchema, latentSchema, emaSchema, diagnosticsSchema,
  type AlternatingOptions, type AlternatingPorts, type AlternatingSettings,
} from "./methods/alternating-schema.js";
export { madgan, type MadganTrainer } from "./methods/madgan.js";
export { madganSchema, type MadganOptions, type MadganPorts, type MadganSettings } from "./methods/madgan-schema.js";
/** @deprecated import it from @gantry/core (kind `multiGeneratorLoss`). */
export type { MultiGeneratorLoss } from "@gantry/core";
export { adagan, type AdaganTrainer } from "./methods/adagan.js";
export { adaganSettingsSchema, betaSchema, type AdaganOptions, type AdaganPorts, type AdaganSettings, type AdaganRound, type AdaganBase } from "./methods/adagan-schema.js";
export { adaganSchema } from "./methods/adagan-entry.js";
export { dataWeights, hFromLogits, weightSummary, mixtureBeta, mixIn } from "./methods/adagan-weights.js";
export { multiGenerator, type MultiGenerator, type Sharing } from "./methods/multi-generator-network.js";

// feature extractors
export { domainClassifierFromWeights, domainClassifierSchema, DOMAIN_CLASSIFIER_WEIGHTS, type DomainClassifier } from "./domain-classifier/index.js";

// plugin
export { modelsPlugin } from "./plugin.js";
