// Rewinds a run to a chosen checkpoint (`gantry resume --from`): the checkpoints after it are moved,
// never deleted, into checkpoints/.superseded-<time>/ and the logs are cut back to its step, so the next
// resume (which reads the newest checkpoint) continues from it. It does not touch samples/: a resume
// rewrites the images of the steps it repeats.
import { mkdirSync, renameSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { GantryError } from "@gantry/core";
import { listCheckpoints, type CheckpointRef } from "./checkpoint.js";
import { runTimestamp, truncateJsonl, type RunDirectory } from "./run-directory.js";

export interface Rewind {
  /** The checkpoint the run now ends at. */
  readonly from: CheckpointRef;
  /** Where the newer checkpoints went; undefined when there were none. */
  readonly supersededDir: string | undefined;
  readonly superseded: readonly CheckpointRef[];
}

/**
 * Makes `from` — a checkpoint folder of `dir` as a path (absolute, or relative to the working directory,
 * the run or its checkpoints folder) or its name (`step-000200`) — the run's newest checkpoint.
 * Throws CHECKPOINT_NOT_IN_RUN, listing the run's checkpoints, when it is not one of them.
 */
export function rewindCheckpoints(dir: RunDirectory, from: string, now = new Date()): Rewind {
  const chosen = findRunCheckpoint(dir, from);
  const newer = listCheckpoints(dir.checkpointsDir).filter((c) => c.step > chosen.step);
  let supersededDir: string | undefined;
  if (newer.length > 0) {
    supersededDir = join(dir.checkpointsDir, `.superseded-${runTimestamp(now)}`);
    mkdirSync(supersededDir, { recursive: true });
    for (const c of newer) renameSync(c.path, join(supersededDir, basename(c.path)));
  }
  truncateJsonl(dir.eventsFile, chosen.step);
  truncateJsonl(dir.metricsFile, chosen.step);
  return { from: chosen, supersededDir, superseded: newer };
}

/** The checkpoint of `dir` that `from` names (see rewindCheckpoints); CHECKPOINT_NOT_IN_RUN if none. */
export function findRunCheckpoint(dir: RunDirectory, from: string): CheckpointRef {
  const all = listCheckpoints(dir.checkpointsDir);
  const candidates = [resolve(from), resolve(dir.checkpointsDir, from), resolve(dir.path, from)];
  const chosen = all.find((c) => candidates.includes(resolve(c.path)));
  if (!chosen) throw notInRun(dir, from, all);
  return chosen;
}

function notInRun(dir: RunDirectory, from: string, all: readonly CheckpointRef[]): GantryError {
  const names = all.map((c) => basename(c.path));
  return new GantryError("CHECKPOINT_NOT_IN_RUN", `${from} is not a checkpoint of the run ${dir.path}`, {
    where: { file: from },
    hint: names.length > 0
      ? `its checkpoints are ${names.join(", ")} (in ${dirname(all[0].path)}); pass one of them, e.g. --from ${names.at(-1)}`
      : "this run has no checkpoint yet; `gantry run` it again instead",
  });
}
