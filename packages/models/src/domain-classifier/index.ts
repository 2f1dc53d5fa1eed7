// The `domain-classifier` feature extractor: exports for @gantry/models' index.ts and plugin.ts.
import { entry, z } from "@gantry/core";
import { domainClassifier } from "./domain-classifier.js";

export { domainClassifier, type DomainClassifier } from "./domain-classifier.js";
export { domainClassifierWeightsPath, DOMAIN_CLASSIFIER_WEIGHTS } from "./weights-file.js";

export const domainClassifierSchema = z.object({
  /** A weights file to use instead of the committed one (same architecture, PyTorch layout). */
  path: z.string().optional(),
});

/** Registry entry: featureExtractor/domain-classifier (add to modelsPlugin's `provides`). */
export const domainClassifierEntry = entry({
  kind: "featureExtractor", name: "domain-classifier",
  description: "Small Fashion-MNIST CNN with committed weights (128-d features, 10 logits); not comparable with Inception FIDs",
  params: domainClassifierSchema, create: (p) => domainClassifier(p),
});
