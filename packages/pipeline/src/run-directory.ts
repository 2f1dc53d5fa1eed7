// The run directory (ADR 0005): runs/<name>/<timestamp>/ with the resolved spec, events.jsonl,
// metrics.jsonl, samples/, checkpoints/ and report.html. JSONL files are appended line by line and,
// on resume, cut back to the checkpoint's step so the logs read as one uninterrupted run.
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GantryError } from "@gantry/core";

export interface RunDirectory {
  readonly path: string;
  readonly specFile: string;
  readonly eventsFile: string;
  readonly metricsFile: string;
  readonly samplesDir: string;
  readonly checkpointsDir: string;
  readonly reportFile: string;
}

export function runDirectoryAt(path: string): RunDirectory {
  return {
    path,
    specFile: join(path, "spec.yaml"),
    eventsFile: join(path, "events.jsonl"),
    metricsFile: join(path, "metrics.jsonl"),
    samplesDir: join(path, "samples"),
    checkpointsDir: join(path, "checkpoints"),
    reportFile: join(path, "report.html"),
  };
}

/** A timestamp usable as a folder name: 2026-11-25T21-04-05-123Z. */
export function runTimestamp(now = new Date()): string {
  return now.toISOString().replace(/:/g, "-").replace(".", "-");
}

/** Creates runs/<name>/<timestamp>/ with its sub-folders and the resolved spec. */
export function createRunDirectory(root: string, name: string, specText: string, now = new Date()): RunDirectory {
  let path = join(root, name, runTimestamp(now));
  for (let i = 1; existsSync(path); i++) path = join(root, name, `${runTimestamp(now)}-${i}`);
  const dir = runDirectoryAt(path);
  mkdirSync(dir.samplesDir, { recursive: true });
  mkdirSync(dir.checkpointsDir, { recursive: true });
  writeFileSync(dir.specFile, specText);
  writeFileSync(dir.eventsFile, "");
  writeFileSync(dir.metricsFile, "");
  return dir;
}

/**
 * The run directory at a fixed `path` (a sweep's runs-dir/<sweep>/<run-id>): created with its
 * sub-folders and the spec when absent, reopened as it is (logs and checkpoints kept, for resume) when
 * it holds the same spec; a different spec there is RUN_SPEC_MISMATCH, never overwritten.
 */
export function ensureRunDirectory(path: string, specText: string): RunDirectory {
  const dir = runDirectoryAt(path);
  if (existsSync(dir.specFile)) {
    if (readFileSync(dir.specFile, "utf8") !== specText) {
      throw new GantryError("RUN_SPEC_MISMATCH", `${path} already holds a run of a different spec`, {
        where: { file: dir.specFile }, hint: "give the new runs another name (or sweep name), or delete the old folder",
      });
    }
    return dir;
  }
  mkdirSync(dir.samplesDir, { recursive: true });
  mkdirSync(dir.checkpointsDir, { recursive: true });
  if (!existsSync(dir.eventsFile)) writeFileSync(dir.eventsFile, "");
  if (!existsSync(dir.metricsFile)) writeFileSync(dir.metricsFile, "");
  // spec.yaml last and by rename: its presence is what makes the folder a run (openRunDirectory).
  const tmp = `${dir.specFile}.tmp-${process.pid}`;
  writeFileSync(tmp, specText);
  renameSync(tmp, dir.specFile);
  return dir;
}

/** Opens an existing run directory (for resume, sample, eval, report). */
export function openRunDirectory(path: string): RunDirectory {
  const dir = runDirectoryAt(path);
  if (!existsSync(dir.specFile)) {
    throw new GantryError("RUN_NOT_FOUND", `${path} is not a run directory (no spec.yaml)`, {
      where: { file: path }, hint: "pass a folder made by `gantry run`, e.g. runs/<name>/<timestamp>",
    });
  }
  return dir;
}

export function appendJsonl(file: string, value: unknown): void {
  appendFileSync(file, JSON.stringify(value) + "\n");
}

/** Parsed lines of a JSONL file; a torn last line (crash mid-write) is ignored. */
export function readJsonl<T = Record<string, unknown>>(file: string): T[] {
  if (!existsSync(file)) return [];
  const out: T[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // A line cut off by a crash; everything before it is intact.
    }
  }
  return out;
}

/** Keeps the lines whose `step` is at most `maxStep` (lines without a step are kept), atomically. */
export function truncateJsonl(file: string, maxStep: number): void {
  const kept = readJsonl<{ step?: number }>(file).filter((e) => e.step === undefined || e.step <= maxStep);
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, kept.map((e) => JSON.stringify(e) + "\n").join(""));
  renameSync(tmp, file);
}
