// The domain classifier from a weights file: the committed one (weights-file.ts) or `path`, read with
// node:fs. Node-only (@gantry/models/node); domain-classifier.ts builds it from bytes anywhere.
import { readFileSync } from "node:fs";
import { entry } from "@gantry/core";
import { domainClassifierFromWeights, type DomainClassifier } from "./domain-classifier.js";
import { domainClassifierSchema } from "./domain-classifier-schema.js";
import { domainClassifierWeightsPath } from "./weights-file.js";

/** Loads the committed weights (or `path`) and returns the extractor; dispose() frees its weights. */
export function domainClassifier(options: { readonly path?: string } = {}): DomainClassifier {
  const path = options.path ?? domainClassifierWeightsPath();
  return domainClassifierFromWeights(new Uint8Array(readFileSync(path)), path);
}

/** Registry entry: featureExtractor/domain-classifier (in @gantry/models/node's modelsPlugin). */
export const domainClassifierEntry = entry({
  kind: "featureExtractor", name: "domain-classifier",
  description: "Small Fashion-MNIST CNN with committed weights (128-d features, 10 logits); not comparable with Inception FIDs",
  params: domainClassifierSchema, create: (p) => domainClassifier(p),
});
