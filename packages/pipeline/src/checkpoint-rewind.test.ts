import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isGantryError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { listCheckpoints, checkpointName } from "./checkpoint.js";
import { rewindCheckpoints } from "./checkpoint-rewind.js";
import { createRunDirectory, readJsonl } from "./run-directory.js";

/** A run folder with checkpoints (a state.json is all listCheckpoints looks at) and a log line per step. */
function run(steps: readonly number[]) {
  const dir = createRunDirectory(mkdtempSync(join(tmpdir(), "gantry-rewind-")), "r", "name: r\n");
  for (const step of steps) {
    mkdirSync(join(dir.checkpointsDir, checkpointName(step)));
    writeFileSync(join(dir.checkpointsDir, checkpointName(step), "state.json"), "{}");
  }
  writeFileSync(dir.eventsFile, [{ type: "start", step: 0 }, ...[1, 2, 3, 4, 5, 6].map((step) => ({ type: "step", step })), { type: "note" }].map((e) => JSON.stringify(e) + "\n").join(""));
  writeFileSync(dir.metricsFile, [2, 4, 6].map((step) => JSON.stringify({ step }) + "\n").join(""));
  return dir;
}

describe("rewindCheckpoints", () => {
  it("moves newer checkpoints aside, never deleting them, and cuts the logs back", () => {
    const dir = run([2, 4, 6]);
    const r = rewindCheckpoints(dir, "step-000002", new Date("2026-01-02T03:04:05.678Z"));
    expect(r.from.step).toBe(2);
    expect(r.supersededDir).toBe(join(dir.checkpointsDir, ".superseded-2026-01-02T03-04-05-678Z"));
    expect(readdirSync(r.supersededDir!).sort()).toEqual(["step-000004", "step-000006"]);
    expect(listCheckpoints(dir.checkpointsDir).map((c) => c.step)).toEqual([2]);
    expect(readJsonl<{ step?: number }>(dir.eventsFile).map((e) => e.step)).toEqual([0, 1, 2, undefined]);
    expect(readJsonl<{ step: number }>(dir.metricsFile).map((e) => e.step)).toEqual([2]);
  });

  it("takes the folder's path, absolute or relative to the run", () => {
    const dir = run([2, 4]);
    expect(rewindCheckpoints(dir, join(dir.checkpointsDir, "step-000004")).supersededDir).toBeUndefined();
    expect(rewindCheckpoints(dir, "checkpoints/step-000002").superseded.map((c) => c.step)).toEqual([4]);
  });

  it("a folder that is not a checkpoint of the run is an error listing them", () => {
    const dir = run([2, 4]);
    const other = run([3]);
    for (const from of ["step-000003", join(other.checkpointsDir, "step-000003"), "nonsense"]) {
      try {
        rewindCheckpoints(dir, from);
        expect.unreachable();
      } catch (e) {
        expect(isGantryError(e, "CHECKPOINT_NOT_IN_RUN")).toBe(true);
        expect((e as Error).message).toContain(from);
        expect((e as Error).message).toMatch(/its checkpoints are step-000002, step-000004/);
      }
    }
    expect(existsSync(join(dir.checkpointsDir, "step-000004"))).toBe(true);
  });
});
