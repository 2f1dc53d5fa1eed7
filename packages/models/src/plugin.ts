// The plugin object: @gantry/models' networks and methods by name. One entry list per source file
// (networks/*-entry.ts, methods/*-entry.ts); add new ones here.
import { definePlugin } from "@gantry/core";
import pkg from "../package.json" with { type: "json" };
import { adaganEntry } from "./methods/adagan-entry.js";
import { alternatingEntry } from "./methods/alternating-entry.js";
import { madganEntry } from "./methods/madgan-entry.js";
import { domainClassifierEntry } from "./domain-classifier/index.js";
import { dcganEntries } from "./networks/dcgan-entries.js";
import { mlpEntry } from "./networks/mlp-entry.js";

export const modelsPlugin = definePlugin({
  name: "@gantry/models",
  version: pkg.version,
  provides: [
    // networks
    mlpEntry,
    ...dcganEntries,
    // feature extractors
    domainClassifierEntry,
    // methods
    alternatingEntry,
    madganEntry,
    adaganEntry,
  ],
});
