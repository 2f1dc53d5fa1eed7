// A full disk during a checkpoint (issue 17): the run folder sits on a 256 KiB tmpfs that a checkpoint
// after every step fills within ~30 steps. The run must stop with exit 1 and a message naming the
// checkpoint and saying the disk is full, leave no partial checkpoint, keep the previous one loadable,
// and resume once there is space. Needs `mount` (root); skipped with a note where it is not permitted.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readJsonl } from "@gantry/pipeline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gantry, runFolder } from "../test-support/cli-process.js";
import { checkpointFolders, faultSpec } from "./fault-support.js";

const STEPS = 60;
const SPEC = faultSpec("full", STEPS, "  checkpoint: { every: 1, keep: 1000 }\n  log: { every: 1000 }");

describe("a disk that fills up during a checkpoint", () => {
  const disk = mkdtempSync(join(tmpdir(), "gantry-full-disk-"));
  let refused: string | undefined;
  beforeAll(() => {
    const r = spawnSync("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", disk], { encoding: "utf8" });
    if (r.status !== 0) refused = (r.stderr || r.error?.message || `exit ${r.status}`).trim();
  });
  afterAll(() => {
    if (refused === undefined) spawnSync("umount", [disk]);
    rmSync(disk, { recursive: true, force: true });
  });

  it("stops the run with CHECKPOINT_WRITE_FAILED, keeps the previous checkpoint, and resumes once freed", (ctx) => {
    if (refused !== undefined) ctx.skip(`cannot mount a small tmpfs here (${refused}); checkpoint.test.ts injects ENOSPC instead`);
    const cwd = mkdtempSync(join(tmpdir(), "gantry-full-"));
    writeFileSync(join(cwd, "full.yaml"), SPEC);
    const r = gantry(["run", "full.yaml", "--runs-dir", join(disk, "runs"), "--backend", "cpu"], cwd);
    expect(r.code, r.stderr).toBe(1);
    const run = runFolder(join(disk, "runs"), "full");
    const checkpoints = join(run, "checkpoints");
    const m = /gantry: error CHECKPOINT_WRITE_FAILED: (\S+)\/step-(\d+): cannot write the checkpoint of step (\d+): the disk is full \(ENOSPC\)/.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const failed = Number(m![2]);
    expect([m![1], Number(m![3])]).toEqual([checkpoints, failed]);
    expect(failed).toBeGreaterThan(1);
    expect(failed).toBeLessThan(STEPS);
    expect(r.stderr).toContain(`hint: free space on the disk holding ${checkpoints}`);
    expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);

    // Nothing partial: only complete step folders, the newest being the step before the failure.
    const folders = checkpointFolders(checkpoints);
    expect(folders.filter((f) => !/^step-\d+$/.test(f.name) || !f.intact)).toEqual([]);
    expect(folders.at(-1)!.name).toBe(`step-${String(failed - 1).padStart(6, "0")}`);
    expect(r.stderr).toContain(`continues from ${join(checkpoints, folders.at(-1)!.name)}, which is intact`);
    const sample = gantry(["sample", run, "--n", "8", "--out", join(cwd, "s.npy")], cwd);
    expect(sample.code, sample.stderr).toBe(0);
    expect(sample.stderr).not.toMatch(/skipping damaged checkpoint/);

    expect(spawnSync("mount", ["-o", "remount,size=8m", disk]).status).toBe(0);
    const resumed = gantry(["resume", run, "--backend", "cpu"], cwd);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`resuming at step ${failed - 1}\\b`));
    expect(readJsonl(join(run, "events.jsonl")).at(-1)).toMatchObject({ type: "end", reason: "completed", step: STEPS });
    expect(readdirSync(checkpoints).filter((n) => !/^step-\d+$/.test(n))).toEqual([]);
    rmSync(cwd, { recursive: true, force: true });
  });
});
