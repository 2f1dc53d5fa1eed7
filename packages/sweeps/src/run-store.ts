// The run store: runs-dir/<sweep>/<run id>/ is an ordinary run directory (spec.yaml, events.jsonl,
// checkpoints/, …) plus result.json (written once, atomically, when the run completes: the record that
// the run is done) and attempts.jsonl (one line per job attempt that trained it). Every worker that
// sees the same folder (local disk, NFS, a mounted bucket with POSIX renames) sees the same runs.
import { randomBytes } from "node:crypto";
import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { GantryError } from "@gantry/core";
import { readJsonl } from "@gantry/pipeline";
import type { Overrides } from "./expand-sweep.js";

export const RESULT_FORMAT = "gantry-sweep-result/1";

/** Which run of which sweep: what a job carries and a result records. */
export interface RunIdentity {
  readonly sweep: string;
  readonly runId: string;
  readonly seed: number;
  readonly setting: string;
  readonly label: string;
  readonly overrides: Overrides;
}

/** What a completed run leaves in result.json. */
export interface RunResultRecord extends RunIdentity {
  readonly format: typeof RESULT_FORMAT;
  readonly step: number;
  readonly totalSteps: number;
  readonly backend: string;
  /** Each metric node's values at the final step. */
  readonly metrics: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Training seconds of the attempt that finished the run. */
  readonly trainingSeconds: number;
  /** From the first attempt's start to completion (includes crashes, queueing and resumes). */
  readonly wallSeconds: number;
  /** Job attempts that trained this run, and the step each started from. */
  readonly attempts: readonly { readonly worker: string; readonly fromStep: number }[];
  readonly finishedAt: string;
}

export interface AttemptLine {
  readonly time: string;
  readonly worker: string;
  readonly attempt: number;
  readonly fromStep: number;
}

export const sweepPath = (runsDir: string, sweep: string): string => join(runsDir, sweep);
export const runPath = (runsDir: string, sweep: string, id: string): string => join(runsDir, sweep, id);
export const resultFile = (run: string): string => join(run, "result.json");
export const attemptsFile = (run: string): string => join(run, "attempts.jsonl");

export function readResult(run: string): RunResultRecord | undefined {
  const file = resultFile(run);
  if (!existsSync(file)) return undefined;
  const value = JSON.parse(readFileSync(file, "utf8")) as RunResultRecord;
  if (value.format !== RESULT_FORMAT) {
    throw new GantryError("SWEEP_BAD_RESULT", `not a ${RESULT_FORMAT} file`, { where: { file }, hint: "delete it and the run is finished again from its checkpoint" });
  }
  return value;
}

export function writeResult(run: string, record: RunResultRecord): void {
  writeJsonAtomically(resultFile(run), record);
}

export function appendAttempt(run: string, line: AttemptLine): void {
  appendFileSync(attemptsFile(run), JSON.stringify(line) + "\n");
}

export const readAttempts = (run: string): AttemptLine[] => readJsonl<AttemptLine>(attemptsFile(run));

/**
 * Temporary file (unique per writer), fsync, rename: readers see the old file or the whole new one,
 * and two workers finishing the same run race harmlessly (the last rename wins, same content).
 */
export function writeJsonAtomically(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, JSON.stringify(value, null, 1) + "\n");
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
