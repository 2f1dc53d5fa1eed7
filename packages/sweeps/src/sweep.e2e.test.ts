// End-to-end, with real processes: `gantry sweep` of 6 tiny ring GANs (examples/specs/ring-gan.yaml shrunk
// by the sweep's overrides) on 3 `gantry worker` processes and a real redis-server; one worker is
// SIGKILLed mid-job. Every run must complete exactly once, the killed one resumed (not restarted), and
// every run's final parameters must equal, bit for bit, a plain `gantry run` of its spec. Then FID over
// 3 evaluation shards must equal the unsharded FID to 1e-10 relative. Needs the cli built (nx: test
// depends on @gantry/cli:build).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeSafetensors } from "@gantry/core";
import { listCheckpoints, readJsonl } from "@gantry/pipeline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAttempts, readResult } from "./run-store.js";
import { redisOrSkip, startRedis, type RedisServer } from "./test-support/redis-server.js";

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, "..", "..", "cli", "dist", "bin.js");
const RING = join(here, "..", "..", "..", "examples", "specs", "ring-gan.yaml");
const redis = redisOrSkip();
if (redis.skip) console.warn(redis.reason);
if (!existsSync(BIN)) {
  if (process.env.CI) throw new Error(`${BIN} is missing: build the cli first (nx runs @gantry/cli:build before this test)`);
  console.warn(`${BIN} is missing: build the cli (cd packages/cli && npx tsup) to run the sweep end-to-end test`);
}

const SWEEP = `# 2 lengths × 3 seeds of a shrunk ring GAN, checkpointed every 5 steps
name: ring-e2e
base: ${RING}
seeds: [1, 2, 3]
grid:
  nodes.train.params.steps: [50, 70]
  nodes.generator.params.hidden: [[32]]
  nodes.critic.params.hidden: [[32]]
  sinks.checkpoint.every: [5]
  sinks.samples.n: [64]
`;

const gantry = (args: readonly string[], cwd: string): ChildProcess =>
  spawn(process.execPath, [BIN, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "true" } });

function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += String(d)));
  child.stderr!.on("data", (d) => (stderr += String(d)));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** Every tensor of a run's newest checkpoint, as raw bytes by name. */
function finalTensors(run: string): Record<string, Buffer> {
  const last = listCheckpoints(join(run, "checkpoints")).at(-1)!;
  const { tensors } = decodeSafetensors(new Uint8Array(readFileSync(join(last.path, "params.safetensors"))));
  return Object.fromEntries(Object.entries(tensors).map(([k, v]) => [k, Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength)]));
}

describe.skipIf(redis.skip || !existsSync(BIN))("gantry sweep + 3 gantry workers, one SIGKILLed (real processes)", () => {
  let server: RedisServer;
  const workers: ChildProcess[] = [];
  beforeAll(async () => { server = await startRedis(); });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill("SIGKILL");
    await server?.stop();
  });

  it("completes every run exactly once, bit-equal to single-process runs, and shards FID exactly", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "gantry-sweep-e2e-"));
    writeFileSync(join(cwd, "sweep.yaml"), SWEEP);
    const queue = ["--queue", server.url];
    const logs: Promise<{ stderr: string }>[] = [];
    for (let i = 0; i < 3; i++) {
      const w = gantry(["worker", ...queue, "--runs-dir", "runs", "--lock-duration", "4000", "--stalled-interval", "1000"], cwd);
      workers.push(w);
      logs.push(finished(w));
    }
    const sweep = finished(gantry(["sweep", "sweep.yaml", ...queue, "--runs-dir", "runs"], cwd));

    // Kill the worker of the first run that has a checkpoint but is not done: mid-job, work to lose.
    const store = join(cwd, "runs", "ring-e2e");
    const killed = await new Promise<{ run: string; pid: number; step: number }>((resolve, reject) => {
      const timer = setInterval(() => {
        for (const id of existsSync(store) ? readdirSync(store) : []) {
          const run = join(store, id);
          const attempts = readAttempts(run);
          const step = listCheckpoints(join(run, "checkpoints")).at(-1)?.step ?? 0;
          const pid = Number(attempts[0]?.worker.split(":").at(-1));
          const worker = workers.find((w) => w.pid === pid);
          if (attempts.length === 1 && step >= 10 && !readResult(run) && worker) {
            clearInterval(timer);
            worker.kill("SIGKILL");
            return resolve({ run: id, pid, step });
          }
        }
      }, 20);
      setTimeout(() => { clearInterval(timer); reject(new Error("no run was caught mid-job")); }, 60_000);
    });

    const result = await sweep;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/6\/6 done/);

    // Exactly once: six distinct runs in the results, each done, each started from step 0 once only.
    const csv = spawnSync(process.execPath, [BIN, "sweep", "results", "sweep.yaml", "--runs-dir", "runs", "--format", "csv", "--by", "run"], { cwd, encoding: "utf8" });
    expect(csv.status, csv.stderr).toBe(0);
    const rows = csv.stdout.trim().split("\n").slice(1).map((l) => l.split(","));
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r[0])).size).toBe(6);
    expect(rows.every((r) => r[3] === "done")).toBe(true);
    for (const [id] of rows) {
      const run = join(store, id);
      const record = readResult(run)!;
      expect(record.attempts.filter((a) => a.fromStep === 0)).toHaveLength(1);
      const steps = readJsonl<{ type: string; step: number }>(join(run, "events.jsonl")).filter((e) => e.type === "step").map((e) => e.step);
      expect(steps).toEqual(Array.from({ length: record.totalSteps / 10 }, (_, i) => (i + 1) * 10));
    }
    // The killed run was resumed by another worker from its last checkpoint.
    const resumed = readResult(join(store, killed.run))!;
    expect(resumed.attempts).toHaveLength(2);
    expect(resumed.attempts[0].worker).toMatch(new RegExp(`:${killed.pid}$`));
    expect(resumed.attempts[1].worker).not.toBe(resumed.attempts[0].worker);
    expect(resumed.attempts[1].fromStep).toBeGreaterThanOrEqual(killed.step);

    // Bit for bit against uninterrupted single-process runs of the same specs (two at a time).
    const ids = rows.map((r) => r[0]);
    for (let i = 0; i < ids.length; i += 2) {
      const refs = ids.slice(i, i + 2).map((id) => finished(gantry(["run", join(store, id, "spec.yaml"), "--runs-dir", join(cwd, "reference", id)], cwd)));
      for (const ref of await Promise.all(refs)) expect(ref.code, ref.stderr).toBe(0);
    }
    for (const id of ids) {
      const [name] = readdirSync(join(cwd, "reference", id));
      const [stamp] = readdirSync(join(cwd, "reference", id, name));
      const reference = finalTensors(join(cwd, "reference", id, name, stamp));
      const swept = finalTensors(join(store, id));
      expect(Object.keys(swept).sort()).toEqual(Object.keys(reference).sort());
      for (const key of Object.keys(reference)) expect(swept[key].equals(reference[key]), `${id} ${key}`).toBe(true);
    }

    // Sharded evaluation on the same workers: 3 shards vs 1, same draws.
    for (const [name, shards] of [["sharded", "3"], ["single", "1"]]) {
      const ev = await finished(gantry(["sweep", "eval", "sweep.yaml", ...queue, "--runs-dir", "runs", "--name", name, "--shards", shards, "--samples", "2000", "--batch-size", "200"], cwd));
      expect(ev.code, ev.stderr).toBe(0);
    }
    const evals = spawnSync(process.execPath, [BIN, "sweep", "results", "sweep.yaml", "--runs-dir", "runs", "--format", "csv", "--by", "run"], { cwd, encoding: "utf8" });
    const [header, ...lines] = evals.stdout.trim().split("\n").map((l) => l.split(","));
    const col = (name: string): number => header.indexOf(name);
    for (const line of lines) {
      const sharded = Number(line[col("eval.sharded.fid")]);
      const single = Number(line[col("eval.single.fid")]);
      expect(sharded).toBeGreaterThan(0);
      // 1e-10 relative: the bar; only the order of float64 moment merges differs.
      expect(Math.abs(sharded - single) / single).toBeLessThan(1e-10);
      expect(line[col("eval.sharded.kid")]).toBe(line[col("eval.single.kid")]);
    }

    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill("SIGTERM");
    const exits = await Promise.all(logs);
    expect(exits.filter((e) => /SIGTERM: stopping/.test(e.stderr))).toHaveLength(2);
  }, 180_000);
});
