// The Node metrics plugin: the root plugin's metrics with FID's `statistics` as files, plus the
// `inception-v3` feature extractor read from a local folder. Same plugin name as the root one, since it
// replaces it: register one of the two, not both.
import { definePlugin, entry } from "@gantry/core";
import pkg from "../package.json" with { type: "json" };
import { inceptionV3Sync } from "./inception-v3-files.js";
import { inceptionV3Schema, metricEntries } from "./plugin.js";
import { fileStatisticsStore } from "./statistics-store.js";

export const metricsPlugin = definePlugin({
  name: "@gantry/metrics",
  version: pkg.version,
  provides: [
    ...metricEntries(fileStatisticsStore),
    entry({
      kind: "featureExtractor", name: "inception-v3", description: "Inception-v3 (TF.js graph model from a local folder, e.g. converted pytorch-fid weights)",
      params: inceptionV3Schema, create: (p) => inceptionV3Sync(p),
    }),
  ],
});
