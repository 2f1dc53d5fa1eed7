// The Node models plugin: the root plugin's networks and methods plus featureExtractor/domain-classifier,
// which reads its weights file. Same plugin name as the root one, since it replaces it: register one.
import { definePlugin } from "@gantry/core";
import pkg from "../package.json" with { type: "json" };
import { domainClassifierEntry } from "./domain-classifier/load-domain-classifier.js";
import { modelEntries } from "./plugin.js";

export const modelsPlugin = definePlugin({ name: "@gantry/models", version: pkg.version, provides: [...modelEntries, domainClassifierEntry] });
