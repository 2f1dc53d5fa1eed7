// A sweep's plan: every run's spec text, each one checked (overrides applied, parsed, validated by the
// caller's validator, checkpointing on) before anything is enqueued. All problems of all runs are
// reported at once, an issue shared by several runs once, with the runs it affects.
import { readFileSync } from "node:fs";
import { GantryError, aggregateErrors, isGantryError, type GantryIssue } from "@gantry/core";
import { parseSpecText, type LoadedSpec } from "@gantry/pipeline";
import { expandSweep, type PlannedRun } from "./expand-sweep.js";
import { runSpecText } from "./run-spec.js";
import type { SweepFile } from "./sweep-file.js";

/** Checks one spec as `gantry validate` does (the CLI passes its registry's validateSpec); throws GantryError. */
export type ValidateSpec = (loaded: LoadedSpec) => Promise<unknown> | unknown;

export interface PlannedRunSpec extends PlannedRun {
  readonly specText: string;
}

export interface SweepPlan {
  readonly sweep: SweepFile;
  readonly runs: readonly PlannedRunSpec[];
}

/** Expands and materialises a sweep without validating the specs (status and results need only IDs). */
export function materializeSweep(sweep: SweepFile): SweepPlan {
  const texts = readBases(sweep);
  const failures: { run: PlannedRun; error: GantryError }[] = [];
  const runs: PlannedRunSpec[] = [];
  for (const run of expandSweep(sweep)) {
    try {
      runs.push({ ...run, specText: runSpecText(sweep, run, texts[run.setting.base]) });
    } catch (e) {
      if (!isGantryError(e)) throw e;
      failures.push({ run, error: e });
    }
  }
  if (failures.length) throw byIssue(failures, runs.length + failures.length);
  return { sweep, runs };
}

/** materializeSweep, then every run's spec parsed and validated; throws one error listing every problem. */
export async function planSweep(sweep: SweepFile, validate: ValidateSpec): Promise<SweepPlan> {
  const plan = materializeSweep(sweep);
  const failures: { run: PlannedRun; error: GantryError }[] = [];
  for (const run of plan.runs) {
    try {
      const loaded = parseSpecText(run.specText, sweep.bases[run.setting.base]);
      await validate(loaded);
      if (!loaded.spec.sinks?.checkpoint) throw noCheckpoints(sweep, run);
    } catch (e) {
      if (!isGantryError(e)) throw e;
      failures.push({ run, error: e });
    }
  }
  if (failures.length) throw byIssue(failures.map((f) => ({ ...f, error: withOverrideLine(sweep, f.run, f.error) })), plan.runs.length);
  return plan;
}

/** An issue on a field the sweep overrides also names the sweep file's line that set it. */
function withOverrideLine(sweep: SweepFile, run: PlannedRun, error: GantryError): GantryError {
  const issues = error.issues.map((issue) => {
    const { node, field } = issue.where;
    const at = node && field ? `nodes.${node}.${field}` : field;
    const path = at && Object.keys(run.setting.overrides).find((p) => p === at || at.startsWith(`${p}.`) || p.startsWith(`${at}.`));
    if (!path) return issue;
    const line = sweep.lineOf(path in sweep.grid ? ["grid", path] : ["random", "params", path]);
    return { ...issue, message: `${issue.message} (set by ${sweep.file}${line ? `:${line}` : ""})` };
  });
  const [first, ...more] = issues;
  return new GantryError(first.code, first.message, { where: first.where, hint: first.hint, more });
}

function readBases(sweep: SweepFile): Record<string, string> {
  const labels = Object.keys(sweep.bases);
  return Object.fromEntries(labels.map((label) => {
    try {
      return [label, readFileSync(sweep.bases[label], "utf8")];
    } catch (e) {
      throw new GantryError("SWEEP_BAD_BASE", `cannot read base spec ${sweep.bases[label]}: ${(e as Error).message}`, {
        where: { file: sweep.file, line: sweep.lineOf(labels.length === 1 ? ["base"] : ["base", label]), field: "base" },
        hint: "base paths are relative to the sweep file",
      });
    }
  }));
}

function noCheckpoints(sweep: SweepFile, run: PlannedRun): GantryError {
  return new GantryError("SWEEP_NO_CHECKPOINTS", "a sweep run needs sinks.checkpoint, so that a crashed worker's run resumes", {
    where: { file: sweep.bases[run.setting.base], field: "sinks.checkpoint" },
    hint: "add `sinks: { checkpoint: { every: N } }` to the base spec; a run loses at most N steps to a crash",
  });
}

/** One issue per distinct problem, saying which runs have it ("every run" when all do). */
function byIssue(failures: readonly { run: PlannedRun; error: GantryError }[], total: number): GantryError {
  const groups = new Map<string, { issue: GantryIssue; runs: PlannedRun[] }>();
  for (const { run, error } of failures) {
    for (const issue of error.issues) {
      const key = JSON.stringify([issue.code, issue.message, issue.where]);
      const group = groups.get(key) ?? { issue, runs: [] };
      group.runs.push(run);
      groups.set(key, group);
    }
  }
  return aggregateErrors([...groups.values()].map(({ issue, runs }) => {
    const which = runs.length === total ? "every run" : runs.length > 3
      ? `${runs.length} runs, e.g. ${runs[0].id} (${runs[0].setting.label})`
      : runs.map((r) => `${r.id} (${r.setting.label})`).join(", ");
    return new GantryError(issue.code, `${issue.message} [${which}]`, { where: issue.where, hint: issue.hint });
  }));
}
