// Rebuilds a run's graph at a checkpoint (the newest intact one of a run directory, or a given
// checkpoint folder), for `sample` and `eval`.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { GantryError, useBackend, type Method } from "@gantry/core";
import {
  DEFAULT_BACKENDS, importCheckpoint, instantiateGraph, latestCheckpoint, openRunDirectory, readCheckpoint, type RunDirectory,
} from "@gantry/pipeline";
import { prepare, type Prepared } from "./prepare.js";

export interface Restored extends Prepared {
  readonly dir: RunDirectory;
  readonly values: Map<string, unknown>;
  readonly method: Method;
  readonly step: number;
}

export async function restoreRun(path: string, backend?: string): Promise<Restored> {
  const full = resolve(path);
  const isCheckpoint = existsSync(join(full, "state.json"));
  const dir = openRunDirectory(isCheckpoint ? dirname(dirname(full)) : full);
  const prepared = await prepare(dir.specFile, backend);
  await useBackend(prepared.registry, prepared.loaded.spec.backend ?? DEFAULT_BACKENDS, { log: () => {} });
  // Checkpoint tensors are created on the chosen backend, so read them after useBackend.
  const checkpoint = isCheckpoint ? readCheckpoint(full) : latestCheckpoint(dir.checkpointsDir, (m) => process.stderr.write(`${m}\n`));
  if (!checkpoint) {
    throw new GantryError("RUN_NO_CHECKPOINT", `${full} has no checkpoint yet`, { where: { file: full }, hint: "wait for the first checkpoint, or set sinks.checkpoint.every lower" });
  }
  const values = instantiateGraph(prepared.graph, prepared.registry, prepared.loaded);
  const method = values.get(prepared.graph.trainingNode) as Method;
  importCheckpoint(method, checkpoint);
  return { ...prepared, dir, values, method, step: checkpoint.meta.step };
}
