// @gantry/pipeline public API: specs (YAML/JSON/builder), validation, execution, run directories,
// checkpoints and reports. It finds plugins through a registry and never imports one.
export { specSchema, parseUse, DEFAULT_BACKENDS, type PipelineSpec, type NodeSpec, type InlineNode, type Binding, type SinksSpec } from "./spec-schema.js";
export { loadSpecFile, parseSpecText, type LoadedSpec } from "./load-spec.js";
export { specBuilder, SpecBuilder, fromSpecObject, type NodeOptions } from "./spec-builder.js";
export { validateSpec, type ValidatedGraph, type GraphNode, type ValidateOptions } from "./validate-spec.js";
export { specJsonSchema } from "./spec-json-schema.js";
export { instantiateGraph } from "./instantiate.js";
export { executePipeline, specHash, type ExecuteOptions, type RunResult } from "./executor.js";
export { createRunDirectory, openRunDirectory, runDirectoryAt, readJsonl, truncateJsonl, appendJsonl, type RunDirectory } from "./run-directory.js";
export { writeCheckpoint, readCheckpoint, listCheckpoints, latestCheckpoint, pruneCheckpoints, checkpointName, CHECKPOINT_FORMAT, type CheckpointMeta, type CheckpointRef } from "./checkpoint.js";
export { writeReport, stepCharts, metricCharts, type ChartData } from "./report.js";
export { imageGridPng, scatterPng } from "./sample-image.js";
