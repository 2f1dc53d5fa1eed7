// @gantry/models/node: what reads the file system (Node only): the domain classifier's weights file and
// the plugin with featureExtractor/domain-classifier. Everything else is in @gantry/models.
export { modelsPlugin } from "./node-plugin.js";
export { domainClassifier, domainClassifierEntry } from "./domain-classifier/load-domain-classifier.js";
export { domainClassifierWeightsPath } from "./domain-classifier/weights-file.js";
