// What a sweep has produced, read from the run store alone: one row per planned run (done, started or
// pending; final metrics from result.json; merged evaluation shards), and per setting the mean ± sample
// std across seeds of every number. Rendering is in results-table.ts; nothing here touches Redis.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { LinearAlgebra } from "@gantry/core";
import { listCheckpoints } from "@gantry/pipeline";
import { mergeEval } from "./eval-merge.js";
import type { EvalRef } from "./eval-shard.js";
import type { PlannedRun, Setting } from "./expand-sweep.js";
import { readResult, runPath, type RunResultRecord } from "./run-store.js";

export type RunState = "done" | "started" | "pending";

export interface RunRow {
  readonly run: PlannedRun;
  readonly state: RunState;
  /** Newest checkpoint step (started runs) or final step (done). */
  readonly step?: number;
  readonly result?: RunResultRecord;
  /** Column → value: `<metric node>.<value>` and `eval.<name>.fid|kid|kidStd` (complete evaluations only). */
  readonly values: Readonly<Record<string, number>>;
}

export interface SettingRow {
  readonly setting: Setting;
  readonly runs: number;
  readonly done: number;
  /** Column → mean and sample std (n − 1; undefined with one value) over the done runs that have it. */
  readonly values: Readonly<Record<string, { readonly mean: number; readonly std?: number; readonly n: number }>>;
}

export interface SweepResults {
  readonly rows: readonly RunRow[];
  readonly settings: readonly SettingRow[];
  /** Every value column, metrics first (in the order first met), then evaluations. */
  readonly columns: readonly string[];
}

/** `linearAlgebra`: for the FID of sharded evaluations (see mergeEval). */
export function collectResults(runsDir: string, sweep: string, runs: readonly PlannedRun[], linearAlgebra?: LinearAlgebra): SweepResults {
  const rows = runs.map((run) => runRow(runPath(runsDir, sweep, run.id), run, linearAlgebra));
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.values)))]
    .sort((a, b) => Number(a.startsWith("eval.")) - Number(b.startsWith("eval.")));
  return { rows, settings: bySetting(rows, columns), columns };
}

function runRow(path: string, run: PlannedRun, linearAlgebra?: LinearAlgebra): RunRow {
  const result = readResult(path);
  if (!result) {
    const last = listCheckpoints(join(path, "checkpoints")).at(-1);
    return last ? { run, state: "started", step: last.step, values: {} } : { run, state: "pending", values: {} };
  }
  const values: Record<string, number> = {};
  for (const [node, metrics] of Object.entries(result.metrics)) {
    for (const [key, v] of Object.entries(metrics)) if (typeof v === "number") values[`${node}.${key}`] = v;
  }
  for (const plan of evalPlans(path)) {
    const merged = mergeEval(path, plan, linearAlgebra);
    if (!merged.complete) continue;
    values[`eval.${plan.name}.fid`] = merged.result.fid;
    values[`eval.${plan.name}.kid`] = merged.result.kid;
    values[`eval.${plan.name}.kidStd`] = merged.result.kidStd;
  }
  return { run, state: "done", step: result.step, result, values };
}

/** The evaluations found under <run>/eval/: name and shard count from the shard files' names. */
function evalPlans(path: string): EvalRef[] {
  const root = join(path, "eval");
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((name) => {
    const counts = new Set(readdirSync(join(root, name)).map((f) => /^shard-\d+-of-(\d+)\.json$/.exec(f)?.[1]).filter((k): k is string => k !== undefined));
    return [...counts].map((k) => ({ name, shards: Number(k) }));
  });
}

function bySetting(rows: readonly RunRow[], columns: readonly string[]): SettingRow[] {
  const groups = new Map<string, RunRow[]>();
  for (const row of rows) groups.set(row.run.setting.key, [...(groups.get(row.run.setting.key) ?? []), row]);
  return [...groups.values()].map((group) => {
    const done = group.filter((r) => r.state === "done");
    const values: Record<string, { mean: number; std?: number; n: number }> = {};
    for (const column of columns) {
      const xs = done.map((r) => r.values[column]).filter((v): v is number => v !== undefined);
      if (xs.length) values[column] = meanStd(xs);
    }
    return { setting: group[0].run.setting, runs: group.length, done: done.length, values };
  });
}

export function meanStd(xs: readonly number[]): { mean: number; std?: number; n: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  if (xs.length < 2) return { mean, n: xs.length };
  return { mean, std: Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1)), n: xs.length };
}
