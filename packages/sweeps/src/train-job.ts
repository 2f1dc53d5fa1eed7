// The work of one training job, idempotent by run ID: a run with result.json is done (its record is
// returned, nothing trains); a run with a checkpoint resumes from it (bit-exact, the executor's resume);
// otherwise it starts. Delivery is at-least-once, so this is what makes a re-delivered job safe.
import { hostname } from "node:os";
import { writeFileSync } from "node:fs";
import type { LinearAlgebra, Registry } from "@gantry/core";
import {
  ensureRunDirectory, executePipeline, listCheckpoints, parseSpecText, readJsonl,
  type LoadedSpec, type RunDirectory, type ValidatedGraph,
} from "@gantry/pipeline";
import type { PlannedRunSpec } from "./plan-sweep.js";
import {
  RESULT_FORMAT, appendAttempt, readAttempts, readResult, runPath, writeResult, type RunIdentity, type RunResultRecord,
} from "./run-store.js";

/** A training job's data: everything a worker needs, so it needs nothing but the run store. */
export interface TrainJobData extends RunIdentity {
  readonly specText: string;
}

/** Registry and validated graph of a spec; the CLI passes its own (first-party plugins + the spec's). */
export type PrepareSpec = (loaded: LoadedSpec) => Promise<{ readonly registry: Registry; readonly graph: ValidatedGraph }>;

export interface TrainContext {
  readonly runsDir: string;
  readonly prepare: PrepareSpec;
  /** Who is training, for attempts.jsonl: "host:pid" by default. */
  readonly worker?: string;
  readonly attempt?: number;
  /** Abort = stop after the current step and checkpoint (worker shutdown, lost lock). */
  readonly signal?: AbortSignal;
  readonly onProgress?: (step: number, totalSteps: number) => void;
  readonly log?: (message: string) => void;
  /** Handed to the run's metrics (executePipeline's `linearAlgebra`). */
  readonly linearAlgebra?: LinearAlgebra;
}

export type TrainOutcome =
  | { readonly status: "completed"; readonly result: RunResultRecord }
  | { readonly status: "interrupted"; readonly step: number };

export const trainJobData = (sweep: string, run: PlannedRunSpec): TrainJobData => ({
  sweep, runId: run.id, seed: run.seed, setting: run.setting.key, label: run.setting.label,
  overrides: run.setting.overrides, specText: run.specText,
});

export const workerName = (): string => `${hostname()}:${process.pid}`;

export async function runTrainJob(job: TrainJobData, ctx: TrainContext): Promise<TrainOutcome> {
  const path = runPath(ctx.runsDir, job.sweep, job.runId);
  const done = readResult(path);
  if (done) return { status: "completed", result: done };
  const dir = ensureRunDirectory(path, job.specText);
  const loaded = parseSpecText(job.specText, dir.specFile);
  const { registry, graph } = await ctx.prepare(loaded);
  const resume = listCheckpoints(dir.checkpointsDir).length > 0;
  // Without a checkpoint the run starts over; what an attempt that died before its first one logged goes.
  if (!resume) clearLogs(dir);
  const worker = ctx.worker ?? workerName();
  let fromStep = 0;
  let totalSteps = 0;
  const result = await executePipeline({
    dir, registry, loaded, graph, resume, signal: ctx.signal, log: ctx.log, linearAlgebra: ctx.linearAlgebra,
    onEvent: (e) => {
      if (e.type === "start") {
        fromStep = e.step;
        totalSteps = e.totalSteps ?? 0;
        appendAttempt(path, { time: e.time, worker, attempt: ctx.attempt ?? 1, fromStep });
        ctx.log?.(`${job.sweep}/${job.runId}: ${resume ? `resuming at step ${e.step}` : "starting"} (${e.totalSteps} steps)`);
      } else if (e.type === "step") ctx.onProgress?.(e.step, totalSteps);
    },
  });
  if (result.reason === "interrupted") return { status: "interrupted", step: result.step };
  const record = resultRecord(job, dir, result, fromStep);
  writeResult(path, record);
  return { status: "completed", result: record };
}

function clearLogs(dir: RunDirectory): void {
  writeFileSync(dir.eventsFile, "");
  writeFileSync(dir.metricsFile, "");
}

function resultRecord(job: TrainJobData, dir: RunDirectory, run: Awaited<ReturnType<typeof executePipeline>>, fromStep: number): RunResultRecord {
  const attempts = readAttempts(dir.path);
  const first = attempts[0] ? Date.parse(attempts[0].time) : Date.now() - run.seconds * 1000;
  return {
    format: RESULT_FORMAT, sweep: job.sweep, runId: job.runId, seed: job.seed, setting: job.setting, label: job.label,
    overrides: job.overrides, step: run.step, totalSteps: run.totalSteps, backend: run.backend,
    metrics: finalMetrics(dir, run.step), trainingSeconds: run.seconds, wallSeconds: (Date.now() - first) / 1000,
    attempts: attempts.length ? attempts.map((a) => ({ worker: a.worker, fromStep: a.fromStep })) : [{ worker: workerName(), fromStep }],
    finishedAt: new Date().toISOString(),
  };
}

/** Each metric node's last values (at the final step, for observers that run at the end). */
export function finalMetrics(dir: RunDirectory, step: number): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const line of readJsonl<{ step: number; node: string; values: Record<string, number> }>(dir.metricsFile)) {
    if (line.step <= step) out[line.node] = line.values;
  }
  return out;
}
