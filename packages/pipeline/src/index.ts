// @gantry/pipeline public API: specs (YAML/JSON/builder), validation, execution, run directories,
// checkpoints and reports. It finds plugins through a registry and never imports one.
export { specSchema, parseUse, DEFAULT_BACKENDS, type PipelineSpec, type NodeSpec, type InlineNode, type Binding, type SinksSpec, type GuardSpec, type LoggerSpec } from "./spec-schema.js";
export { loadSpecFile, readSpecFile, parseSpecText, type LoadedSpec } from "./load-spec.js";
export { applySpecOverrides, parseSetFlag, seedOverride, blameOverrides, type SpecOverride, type OverriddenSpec } from "./spec-overrides.js";
export { BestCheckpoint, readBest, bestDir, type BestRecord, type KeepBestSpec } from "./best-checkpoint.js";
export { rewindCheckpoints, findRunCheckpoint, type Rewind } from "./checkpoint-rewind.js";
export { specBuilder, SpecBuilder, fromSpecObject, type NodeOptions } from "./spec-builder.js";
export { resolveYamlPath, type YamlPathProblem, type YamlPathResult } from "./yaml-path.js";
export { validateSpec, type ValidatedGraph, type GraphNode, type LoggerNode, type ValidateOptions } from "./validate-spec.js";
export { specJsonSchema } from "./spec-json-schema.js";
export { instantiateGraph } from "./instantiate.js";
export { executePipeline, specHash, type ExecuteOptions, type RunResult } from "./executor.js";
export { nonFiniteStats, nonFiniteParams, guardSettings, GUARD_DEFAULTS, type GuardSettings, type NonFiniteStat, type NonFiniteParam } from "./numerical-guard.js";
export { createRunDirectory, ensureRunDirectory, openRunDirectory, runDirectoryAt, readJsonl, truncateJsonl, appendJsonl, type RunDirectory } from "./run-directory.js";
export {
  writeCheckpoint, readCheckpoint, importCheckpoint, listCheckpoints, latestCheckpoint, pruneCheckpoints, checkpointName, nodeCheckpointWriter, CHECKPOINT_FORMAT,
  type CheckpointMeta, type CheckpointRef, type CheckpointWriter, type LoadedCheckpoint,
} from "./checkpoint.js";
export { writeReport, stepCharts, metricCharts, type ChartData } from "./report.js";
export { imageGridPng, imagePng, scatterPng } from "./sample-image.js";
