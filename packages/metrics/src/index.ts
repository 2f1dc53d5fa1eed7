// @gantry/metrics public API, browser-safe: no module here imports node:*. Statistics and model files,
// FID's file-backed statistics and the inception-v3 extractor read from a folder are in ./node.ts
// (@gantry/metrics/node).
export { metricsPlugin, inceptionV3Schema } from "./plugin.js";
export { type FeatureMatrix, featureMatrix, fromRows, concatRows, selectRows } from "./feature-matrix.js";
export { RunningMoments, gaussianStatistics, type GaussianStatistics, type MomentsState } from "./running-moments.js";
export { encodeMoments, decodeMoments, mergeMoments, MOMENTS_FORMAT, type EncodedMoments } from "./moment-shards.js";
export { kidBlock, mergeKidBlocks, type KidBlock, type KidBlocksResult } from "./kid-blocks.js";
export {
  encodeStatistics, decodeStatistics, momentsFromStatistics, STATISTICS_FORMAT, type SavedStatistics, type StatisticsStore,
} from "./statistics-file.js";
export { frechetDistance, type FrechetOptions, type FrechetResult } from "./frechet-distance.js";
export { jsLinearAlgebra } from "./js-linear-algebra.js";
export { inceptionScore, inceptionScoreFromLogits, softmaxRows, type InceptionScoreResult } from "./inception-score.js";
export { kernelInceptionDistance, polynomialMmd2, type KidOptions, type KidResult } from "./kernel-inception-distance.js";
export { precisionRecall, type PrecisionRecall } from "./precision-recall.js";
export { densityCoverage, type DensityCoverage } from "./density-coverage.js";
export { nearestNeighbours, kthNeighbourRadii, type NeighbourTable } from "./neighbour-distances.js";
export { renderNeighbourGrid, type GridOptions } from "./image-grid.js";
export { modeCoverage, highQualityRadius, type ModeCoverageOptions, type ModeCoverageResult } from "./mode-coverage.js";
export { chiSquareQuantile, gammaP } from "./chi-quantile.js";
export {
  type FeatureSpace, type SampleSource, extractorSpace, rawSpace, logitsSpace, samplerSource, datasetSource,
  batchFeatures, streamMoments, collectFeatures,
} from "./feature-stream.js";
export { inceptionV3FromArtifacts, inceptionV3FromGraphArtifacts, type InceptionV3Options } from "./inception-v3.js";
export { fidMetric, fidSchema, type FidParams, type FidInputs } from "./fid-metric.js";
export { inceptionScoreMetric, inceptionScoreSchema, type InceptionScoreParams } from "./inception-score-metric.js";
export { kidMetric, kidSchema, type KidParams } from "./kid-metric.js";
export { precisionRecallMetric, precisionRecallSchema, type PrecisionRecallParams } from "./precision-recall-metric.js";
export { densityCoverageMetric, densityCoverageSchema, type DensityCoverageParams } from "./density-coverage-metric.js";
export { nearestNeighboursMetric, nearestNeighboursSchema, type NearestNeighboursParams } from "./nearest-neighbours-metric.js";
export { modeCoverageMetric, modeCoverageSchema, type ModeCoverageParams } from "./mode-coverage-metric.js";
export {
  decodeNpzStatistics, encodeNpzStatistics, npzAsSaved, type NpzStatistics,
} from "./npz-statistics.js";
