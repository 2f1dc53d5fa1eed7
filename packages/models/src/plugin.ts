// The browser-safe plugin object: @gantry/models' networks and methods by name. One entry list per
// source file (networks/*-entry.ts, methods/*-entry.ts); add new ones here. node-plugin.ts
// (@gantry/models/node) adds the domain-classifier feature extractor, which reads its weights file.
import { definePlugin } from "@gantry/core";
import pkg from "../package.json" with { type: "json" };
import { adaganEntry } from "./methods/adagan-entry.js";
import { alternatingEntry } from "./methods/alternating-entry.js";
import { madganEntry } from "./methods/madgan-entry.js";
import { dcganEntries } from "./networks/dcgan-entries.js";
import { mlpEntry } from "./networks/mlp-entry.js";

/** Networks and methods, shared by this plugin and the Node one. */
export const modelEntries = [
  // networks
  mlpEntry,
  ...dcganEntries,
  // methods
  alternatingEntry,
  madganEntry,
  adaganEntry,
] as const;

/** Networks and methods; in Node, @gantry/models/node's modelsPlugin adds featureExtractor/domain-classifier. */
export const modelsPlugin = definePlugin({ name: "@gantry/models", version: pkg.version, provides: [...modelEntries] });
