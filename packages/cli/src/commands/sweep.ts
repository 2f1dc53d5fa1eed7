// `gantry sweep <sweep.yaml> --queue URL`: validates every run of the sweep, enqueues them (idempotent
// by run ID) and shows aggregated progress until all are done; `sweep plan` validates and lists the runs;
// `sweep status|results` read the run store (and the queue with --queue); `sweep eval` enqueues sharded
// FID/KID of finished runs.
// The commands are registered here (registerSweepCommands) so that main.ts only calls one function.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { CAC } from "cac";
import { nativeLinearAlgebra } from "@gantry/backend-native";
import {
  collectResults, enqueueEvaluation, enqueueTraining, evalJobId, jobStatuses, loadSweepFile, materializeSweep, mergeEval,
  openQueue, planSweep, resultsCsvByRun, resultsCsvBySetting, resultsMarkdown, runPath, trainJobId,
  type EvalPlan, type JobStatus, type SweepPlan,
} from "@gantry/sweeps";
import { CliFailure, ExitCode } from "../exit-codes.js";
import type { Io } from "../main.js";
import { cliPrepare, requireQueue, workerCommand } from "./worker.js";

type Action = () => Promise<ExitCode>;
type Queue = Awaited<ReturnType<typeof openQueue>>;

export interface SweepOptions {
  readonly queue?: string;
  readonly runsDir: string;
  readonly wait: boolean;
  readonly attempts: number;
  readonly format: string;
  readonly by: string;
  readonly out?: string;
  readonly name: string;
  readonly samples: number;
  readonly batchSize: number;
  readonly shards: number;
  readonly seed: number;
}

const ACTIONS = ["plan", "status", "results", "eval"] as const;

export function registerSweepCommands(cli: CAC, io: Io, setAction: (phase: () => Promise<Action>) => void): void {
  cli.command("sweep <sweepFileOrAction> [sweepFile]", "Run a sweep on workers (gantry sweep <sweep.yaml> --queue redis://host:port); also sweep plan|status|results|eval <sweep.yaml>")
    .option("--queue <url>", "Redis of the job queue, e.g. redis://127.0.0.1:6379")
    .option("--runs-dir <dir>", "The run store the workers write to (status, results, eval read it)", { default: "runs" })
    .option("--no-wait", "Enqueue and return instead of showing progress until the sweep is done")
    .option("--attempts <n>", "Attempts per job before it fails for good", { default: 5 })
    .option("--format <format>", "results: markdown or csv", { default: "markdown" })
    .option("--by <rows>", "results as CSV: one row per setting or per run", { default: "setting" })
    .option("--out <file>", "results: write to a file instead of stdout")
    .option("--name <name>", "eval: name of the evaluation (folder eval/<name>/ of each run)", { default: "fid" })
    .option("--samples <n>", "eval: generated (and reference) samples per run", { default: 10000 })
    .option("--batch-size <n>", "eval: samples per batch, also the KID block size", { default: 250 })
    .option("--shards <n>", "eval: jobs per run", { default: 4 })
    .option("--seed <n>", "eval: seed of the sample draws", { default: 0 })
    .action((first: string, second: string | undefined, o: SweepOptions) => setAction(() => sweepCommand(first, second, o, io)));
  cli.command("worker", "Take sweep jobs from the queue and run them, one at a time, until stopped")
    .option("--queue <url>", "Redis of the job queue, e.g. redis://127.0.0.1:6379")
    .option("--runs-dir <dir>", "The run store shared by all workers", { default: "runs" })
    .option("--lock-duration <ms>", "A dead worker's job is taken again after this long", { default: 30000 })
    .option("--stalled-interval <ms>", "How often to look for dead workers' jobs", { default: 30000 })
    .action((o: { queue?: string; runsDir: string; lockDuration: number; stalledInterval: number }) =>
      setAction(() => workerCommand(o, io.stderr)));
}

export async function sweepCommand(first: string, second: string | undefined, o: SweepOptions, io: Io): Promise<Action> {
  const action = (ACTIONS as readonly string[]).includes(first) ? (first as (typeof ACTIONS)[number]) : "run";
  const file = action === "run" ? first : second;
  if (!file) throw new CliFailure(ExitCode.invalidInput, `gantry sweep ${first} needs a sweep file: gantry sweep ${first} <sweep.yaml>`);
  if (action === "run" && second) throw new CliFailure(ExitCode.invalidInput, `gantry sweep: unexpected "${second}"; actions are ${ACTIONS.join(", ")}`);
  const sweep = loadSweepFile(file);
  const runsDir = resolve(o.runsDir);
  switch (action) {
    case "run": {
      const url = requireQueue(o.queue, "gantry sweep");
      const plan = await planSweep(sweep, cliPrepare());
      return () => runSweep(plan, url, o, runsDir, io);
    }
    case "plan": {
      const plan = await planSweep(sweep, cliPrepare());
      return async () => (io.stdout(planText(plan)), ExitCode.ok);
    }
    case "status":
      return () => status(materializeSweep(sweep), runsDir, o.queue, io);
    case "results":
      return async () => (results(materializeSweep(sweep), runsDir, o, io), ExitCode.ok);
    case "eval": {
      const url = requireQueue(o.queue, "gantry sweep eval");
      const plan: EvalPlan = { name: o.name, samples: Number(o.samples), batchSize: Number(o.batchSize), shards: Number(o.shards), seed: Number(o.seed) };
      return () => evaluate(materializeSweep(sweep), plan, url, runsDir, o, io);
    }
  }
}

/** `gantry sweep plan`: every run, validated, without a queue. */
function planText(plan: SweepPlan): string {
  const settings = new Set(plan.runs.map((r) => r.setting.key)).size;
  return [
    `${plan.sweep.file}: ok — sweep "${plan.sweep.name}", ${plan.runs.length} runs (${settings} settings × ${plan.sweep.seeds.length} seeds), every spec valid`,
    ...plan.runs.map((r) => `${r.id}  seed ${r.seed}  ${r.setting.label}`),
  ].join("\n");
}

async function runSweep(plan: SweepPlan, url: string, o: SweepOptions, runsDir: string, io: Io): Promise<ExitCode> {
  const queue = await openQueue(url, io.stderr);
  try {
    const name = plan.sweep.name;
    const r = await enqueueTraining(queue, name, plan.runs, { attempts: Number(o.attempts) });
    io.stderr(`gantry: sweep ${name}: ${plan.runs.length} runs (${r.added} enqueued, ${r.existing} already queued or done, ${r.retried} failed ones retried) on ${url}`);
    if (!o.wait) return ExitCode.ok;
    const failed = await watch(queue, plan.runs.map((run) => ({ id: trainJobId(name, run.id), label: run.id })), io);
    io.stdout(resultsMarkdown(name, collectResults(runsDir, name, plan.runs, nativeLinearAlgebra())));
    return failed ? ExitCode.failed : ExitCode.ok;
  } finally {
    await queue.close();
  }
}

/** Polls the jobs once a second, printing a line when the picture changes; resolves to the number failed. */
async function watch(queue: Queue, jobs: readonly { id: string; label: string }[], io: Io): Promise<number> {
  const started = Date.now();
  let last = "";
  for (;;) {
    const statuses = await jobStatuses(queue, jobs.map((j) => j.id));
    const line = progressLine(statuses, jobs);
    if (line !== last) io.stderr(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
    last = line;
    const failed = statuses.filter((s) => s.state === "failed");
    if (statuses.every((s) => s.state === "completed" || s.state === "failed")) {
      for (const f of failed) io.stderr(`gantry: ${f.id} failed after ${f.attemptsMade} attempts: ${f.failedReason ?? "unknown reason"}`);
      return failed.length;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function progressLine(statuses: readonly JobStatus[], jobs: readonly { id: string; label: string }[]): string {
  const count = (...states: string[]): number => statuses.filter((s) => states.includes(s.state)).length;
  const active = statuses.flatMap((s, i) => (s.state === "active" ? [`${jobs[i].label}${s.step !== undefined ? ` ${s.step}/${s.totalSteps}` : ""}`] : []));
  return [
    `${count("completed")}/${statuses.length} done`,
    `${active.length} running${active.length ? ` (${active.join(", ")})` : ""}`,
    `${count("waiting", "prioritized", "waiting-children")} waiting`,
    ...(count("delayed") ? [`${count("delayed")} retrying`] : []),
    `${count("failed")} failed`,
  ].join(" · ");
}

async function status(plan: SweepPlan, runsDir: string, url: string | undefined, io: Io): Promise<ExitCode> {
  const name = plan.sweep.name;
  const { rows } = collectResults(runsDir, name, plan.runs, nativeLinearAlgebra());
  let queued: JobStatus[] | undefined;
  if (url) {
    const queue = await openQueue(url, io.stderr);
    try {
      queued = await jobStatuses(queue, plan.runs.map((r) => trainJobId(name, r.id)));
    } finally {
      await queue.close();
    }
  }
  const lines = rows.map((r, i) => {
    const store = r.state === "done" ? `done at step ${r.step} (${r.result!.attempts.length} attempt${r.result!.attempts.length === 1 ? "" : "s"})`
      : r.state === "started" ? `checkpoint at step ${r.step}` : "not started";
    const job = queued ? `  job: ${queued[i].state}${queued[i].step !== undefined ? ` ${queued[i].step}/${queued[i].totalSteps}` : ""}` : "";
    return `${r.run.id}  ${r.run.setting.label.padEnd(30)}  ${store}${job}`;
  });
  const done = rows.filter((r) => r.state === "done").length;
  io.stdout([`sweep ${name}: ${done}/${rows.length} runs done (${runsDir})`, ...lines].join("\n"));
  return ExitCode.ok;
}

function results(plan: SweepPlan, runsDir: string, o: SweepOptions, io: Io): void {
  const r = collectResults(runsDir, plan.sweep.name, plan.runs, nativeLinearAlgebra());
  if (o.format !== "markdown" && o.format !== "csv") throw new CliFailure(ExitCode.invalidInput, `--format ${o.format}: use markdown or csv`);
  if (o.by !== "setting" && o.by !== "run") throw new CliFailure(ExitCode.invalidInput, `--by ${o.by}: use setting or run`);
  const text = o.format === "markdown" ? resultsMarkdown(plan.sweep.name, r) : o.by === "run" ? resultsCsvByRun(r) : resultsCsvBySetting(r);
  if (o.out) {
    writeFileSync(o.out, text);
    io.stderr(`gantry: results of ${r.rows.length} runs written to ${o.out}`);
  } else io.stdout(text.trimEnd());
}

async function evaluate(plan: SweepPlan, evalPlan: EvalPlan, url: string, runsDir: string, o: SweepOptions, io: Io): Promise<ExitCode> {
  const name = plan.sweep.name;
  const done = collectResults(runsDir, name, plan.runs, nativeLinearAlgebra()).rows.filter((r) => r.state === "done").map((r) => r.run.id);
  if (done.length === 0) throw new CliFailure(ExitCode.invalidInput, `sweep ${name}: no finished runs in ${runsDir} to evaluate`);
  const queue = await openQueue(url, io.stderr);
  try {
    const r = await enqueueEvaluation(queue, name, done, evalPlan, { attempts: Number(o.attempts) });
    io.stderr(`gantry: eval ${evalPlan.name} of ${done.length} runs in ${evalPlan.shards} shards each (${r.added} jobs enqueued, ${r.existing} already there)`);
    if (!o.wait) return ExitCode.ok;
    const jobs = done.flatMap((id) => Array.from({ length: evalPlan.shards }, (_, s) => ({ id: evalJobId(name, id, evalPlan, s), label: `${id}#${s}` })));
    const failed = await watch(queue, jobs, io);
    for (const id of done) {
      const merged = mergeEval(runPath(runsDir, name, id), evalPlan, nativeLinearAlgebra());
      io.stdout(merged.complete
        ? `${id}: fid=${merged.result.fid} kid=${merged.result.kid} ± ${merged.result.kidStd} (n=${merged.result.n}, ${merged.result.extractor}, step ${merged.result.step})`
        : `${id}: shards ${merged.missing.join(", ")} missing`);
    }
    return failed ? ExitCode.failed : ExitCode.ok;
  } finally {
    await queue.close();
  }
}
