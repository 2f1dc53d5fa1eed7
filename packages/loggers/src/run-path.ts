// A logger's `dir` param: a relative folder inside the run folder. Absolute paths and `..` are rejected
// so a spec cannot make a logger write outside its run.
import { isAbsolute, join, normalize } from "node:path";
import { GantryError, z } from "@gantry/core";

const inside = (dir: string): boolean => !isAbsolute(dir) && !normalize(dir).split(/[\\/]/).includes("..");

/** The zod schema of a `dir` param, defaulting to `fallback`. */
export const runRelativeDir = (fallback: string) =>
  z.string().min(1).default(fallback).refine(inside, {
    message: "must be a relative folder inside the run folder (no absolute path, no ..)",
  });

/** `<runDir>/<dir>`; throws when the run folder is unknown (the sink was created outside a pipeline run). */
export function resolveInRun(runDir: string | undefined, dir: string, sink: string): string {
  if (runDir === undefined) {
    throw new GantryError("SINK_NO_RUN_DIR", `${sink} was created without a run folder`, {
      hint: "loggers are created by the pipeline executor (spec sinks.loggers), which hands them the run folder",
    });
  }
  return join(runDir, dir);
}
