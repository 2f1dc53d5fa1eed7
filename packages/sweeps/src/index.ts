// @gantry/sweeps public API: sweep files and their expansion into runs with stable IDs, the run store,
// the training and evaluation-shard jobs (usable without Redis), their BullMQ producer and worker, and
// the results table. The CLI (`gantry sweep`, `gantry worker`) passes it a registry through PrepareSpec.
export { loadSweepFile, parseSweepText, type SweepFile, type Distribution, type OverrideValue } from "./sweep-file.js";
export { expandSweep, canonicalJson, runId, formatValue, type PlannedRun, type Setting, type Overrides } from "./expand-sweep.js";
export { runSpecText, runSpecName } from "./run-spec.js";
export { planSweep, materializeSweep, type SweepPlan, type PlannedRunSpec, type ValidateSpec } from "./plan-sweep.js";
export {
  readResult, writeResult, readAttempts, runPath, sweepPath, resultFile, attemptsFile, RESULT_FORMAT,
  type RunResultRecord, type AttemptLine,
} from "./run-store.js";
export { runTrainJob, trainJobData, finalMetrics, workerName, type TrainJobData, type TrainContext, type TrainOutcome, type PrepareSpec } from "./train-job.js";
export {
  runEvalShard, shardBatches, shardFile, evalDir, checkEvalPlan, SHARD_FORMAT,
  type EvalPlan, type EvalRef, type EvalShardJobData, type EvalContext, type ShardRecord,
} from "./eval-shard.js";
export { mergeEval, mergeShardRecords, readShards, type MergedEval, type EvalState } from "./eval-merge.js";
export { QUEUE_NAME, redisConnection, waitForRedis } from "./queue-connection.js";
export {
  openQueue, enqueueTraining, enqueueEvaluation, jobStatuses, trainJobId, evalJobId, TRAIN_JOB, EVAL_SHARD_JOB,
  type RetryOptions, type EnqueueReport, type JobStatus,
} from "./sweep-queue.js";
export { startSweepWorker, type SweepWorker, type SweepWorkerOptions } from "./sweep-worker.js";
export { collectResults, meanStd, type SweepResults, type RunRow, type SettingRow, type RunState } from "./sweep-results.js";
export { resultsMarkdown, resultsCsvByRun, resultsCsvBySetting } from "./results-table.js";
