// The `domain-classifier` feature extractor: the browser-safe exports for @gantry/models' index.ts
// (the file loader and registry entry are in load-domain-classifier.ts, for @gantry/models/node).
export { domainClassifierFromWeights, type DomainClassifier } from "./domain-classifier.js";
export { domainClassifierSchema } from "./domain-classifier-schema.js";
export { DOMAIN_CLASSIFIER_WEIGHTS } from "./weights-name.js";
