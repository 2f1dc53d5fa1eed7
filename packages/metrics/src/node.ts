// @gantry/metrics/node: what reads or writes files (Node only). The plugin here is the root one with FID's
// statistics files plus the inception-v3 extractor; everything else is in @gantry/metrics.
export { metricsPlugin } from "./node-plugin.js";
export { saveStatistics, loadStatistics, fileStatisticsStore } from "./statistics-store.js";
export { loadNpzStatistics, saveNpzStatistics } from "./npz-statistics-file.js";
export { loadInceptionV3, inceptionV3Sync, type InceptionV3FileOptions } from "./inception-v3-files.js";
export { modelDirectory, readModelArtifacts, readModelArtifactsSync } from "./model-directory.js";
