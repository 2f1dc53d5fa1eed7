// Fault injection (issue 17): SIGKILLs the real `gantry` at seeded moments (a few ms after a step is
// logged, or at one file-system call inside a checkpoint write) and resumes it, again and again; the
// run must end bit for bit where an uninterrupted run of the same seed ends. One file per backend runs it.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Rng } from "@gantry/core";
import { checkpointName, readJsonl } from "@gantry/pipeline";
import { describe, expect, it } from "vitest";
import { gantry, runFolder } from "../test-support/cli-process.js";
import { checkpointFolders, exited, faultSpec, runOutcome, spawnGantry, stderrMatch, stepLogged } from "./fault-support.js";

const SEED = 17;
const STEPS = 150;
/** Killed runs per backend, and kills per run: 2 backends × 2 × 6 = 24 kills. */
const RUNS = 2;
const KILLS = 6;
/**
 * File-system calls from the start of step k's checkpoint write to its logged event: the write's 17
 * (clear and make the temporary folder; open, write, fsync, close for each of the two files; fsync the
 * folder; rename it; fsync the parent), pruning the oldest (rename, delete), appending the event.
 */
const CHECKPOINT_CALLS = 20;
const HOOK = new URL("./kill-in-checkpoint-write.mjs", import.meta.url).href;
const NAME = "faults";
const SPEC = faultSpec(NAME, STEPS, "  checkpoint: { every: 1, keep: 2 }\n  log: { every: 1 }");

type Kill =
  | { readonly kind: "after-step"; readonly step: number; readonly delayMs: number }
  | { readonly kind: "in-write"; readonly step: number; readonly call: number };

/** `count` kills at distinct steps spread over the run, each a seeded moment of one of two kinds. */
function killPlan(rng: Rng, count: number): Kill[] {
  const steps = new Set<number>();
  while (steps.size < count) steps.add(2 + rng.nextInt(STEPS - 2));
  return [...steps].sort((a, b) => a - b).map((step) => rng.nextFloat() < 0.5
    ? { kind: "after-step", step, delayMs: rng.nextInt(30) }
    : { kind: "in-write", step, call: 1 + rng.nextInt(CHECKPOINT_CALLS) });
}

const describeKill = (k: Kill): string =>
  k.kind === "after-step" ? `${k.delayMs} ms after step ${k.step}` : `checkpoint ${k.step}, fs call ${k.call}/${CHECKPOINT_CALLS}`;

/** What the killed process `pid` left in checkpoints/: evidence of where in the checkpoint cycle it died. */
function leftBehind(run: string, pid: number): string {
  const names = readdirSync(join(run, "checkpoints"));
  if (names.some((n) => n.startsWith(".tmp-step-") && n.endsWith(`-${pid}`))) return "a half-written checkpoint";
  if (names.some((n) => n.startsWith(".tmp-pruned-") && n.endsWith(`-${pid}`))) return "a half-pruned checkpoint";
  const newest = Math.max(...names.filter((n) => /^step-\d+$/.test(n)).map((n) => Number(n.slice(5))));
  const logged = readJsonl<{ type: string; step: number }>(join(run, "events.jsonl")).some((e) => e.type === "checkpoint" && e.step === newest);
  return logged ? "complete checkpoints only" : "a checkpoint published but not yet logged";
}

const newestCheckpoint = (run: string): number =>
  Math.max(0, ...readdirSync(join(run, "checkpoints")).filter((n) => /^step-\d+$/.test(n)).map((n) => Number(n.slice(5))));

interface KillRecord { readonly kill: Kill; readonly from: number; readonly left: string }

/** Runs the spec, killing it at each moment of `plan` and resuming it; returns the run folder. */
async function killRepeatedly(cwd: string, backend: string, plan: readonly Kill[]): Promise<{ run: string; records: KillRecord[] }> {
  let run: string | undefined;
  const records: KillRecord[] = [];
  for (const planned of plan) {
    const from = run ? newestCheckpoint(run) : 0;
    // A kill landing late may have let the run checkpoint past the next planned step: move it on.
    const kill = { ...planned, step: Math.max(planned.step, from + 1) };
    const args = run ? ["resume", run, "--backend", backend] : ["run", "faults.yaml", "--runs-dir", "runs", "--backend", backend];
    const child = spawnGantry(args, cwd, kill.kind === "in-write" ? `${HOOK}?step=${kill.step}&op=${kill.call}` : undefined);
    const exit = exited(child);
    if (kill.kind === "after-step") {
      await stderrMatch(child, /gantry: \S+ on \w+, (starting|resuming at step \d+)/);
      run ??= runFolder(join(cwd, "runs"), NAME);
      await stepLogged(join(run, "events.jsonl"), kill.step, child);
      await sleep(kill.delayMs);
      child.kill("SIGKILL");
    }
    const { signal, stderr } = await exit;
    expect(signal, `${describeKill(kill)}: gantry was not killed\n${stderr}`).toBe("SIGKILL");
    run ??= runFolder(join(cwd, "runs"), NAME);
    const damaged = checkpointFolders(join(run, "checkpoints")).filter((f) => /^step-\d+$/.test(f.name) && !f.intact);
    expect(damaged, `${describeKill(kill)} left a damaged checkpoint under its final name`).toEqual([]);
    records.push({ kill, from, left: leftBehind(run, child.pid!) });
  }
  return { run: run!, records };
}

export function killAndResumeSuite(backend: "cpu" | "wasm"): void {
  describe(`gantry SIGKILLed and resumed on ${backend}`, () => suite(backend));
}

function suite(backend: string): void {
  it(`${RUNS} runs killed ${KILLS} times each end bit-identical to an uninterrupted run`, async () => {
    const cwd = mkdtempSync(join(tmpdir(), `gantry-faults-${backend}-`));
    writeFileSync(join(cwd, "faults.yaml"), SPEC);
    const reference = gantry(["run", "faults.yaml", "--runs-dir", "reference", "--backend", backend], cwd);
    expect(reference.code, reference.stderr).toBe(0);
    const expected = runOutcome(runFolder(join(cwd, "reference"), NAME), STEPS);
    expect(expected.steps).toHaveLength(STEPS);

    const rows: string[] = [];
    for (let r = 0; r < RUNS; r++) {
      const dir = join(cwd, `killed-${r}`);
      mkdirSync(dir);
      writeFileSync(join(dir, "faults.yaml"), SPEC);
      const plan = killPlan(Rng.seeded(SEED).split(backend).split(String(r)), KILLS);
      const { run, records } = await killRepeatedly(dir, backend, plan);
      const final = gantry(["resume", run, "--backend", backend], dir);
      expect(final.code, final.stderr).toBe(0);

      const got = runOutcome(run, STEPS);
      expect(got.tensors.equals(expected.tensors), `run ${r}: final checkpoint tensors differ from the uninterrupted run`).toBe(true);
      expect(got.state).toEqual(expected.state);
      expect(got.steps).toEqual(expected.steps);
      expect(got.metrics).toEqual(expected.metrics);
      expect(readdirSync(join(run, "checkpoints")), "leftovers after the last resume").toEqual([checkpointName(STEPS - 1), checkpointName(STEPS)]);
      expect(existsSync(join(run, "report.html"))).toBe(true);
      for (const { kill, from, left } of records) rows.push(`${backend} run ${r}: from step ${String(from).padStart(3)}, killed ${describeKill(kill)} → ${left}`);
    }
    const inWrite = rows.filter((r) => /half-written|half-pruned|not yet logged/.test(r)).length;
    console.log(`${rows.join("\n")}\n${backend}: ${rows.length} kills, each followed by \`gantry resume\` (${rows.length - RUNS} of them killed in turn), ` +
      `${inWrite} kills with a checkpoint write caught in progress, ${RUNS}/${RUNS} runs bit-identical to the uninterrupted one`);
    expect(inWrite).toBeGreaterThan(0);
    rmSync(cwd, { recursive: true, force: true }); // kept when a check fails, to look at
  });
}
