import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isGantryError } from "@gantry/core";
import { Worker, type Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { materializeSweep, type SweepPlan } from "./plan-sweep.js";
import { QUEUE_NAME, redisConnection } from "./queue-connection.js";
import { readAttempts, readResult, runPath } from "./run-store.js";
import { loadSweepFile } from "./sweep-file.js";
import { enqueueTraining, jobStatuses, openQueue, trainJobId } from "./sweep-queue.js";
import { startSweepWorker } from "./sweep-worker.js";
import { startRedis, redisOrSkip, type RedisServer } from "./test-support/redis-server.js";
import { toyPrepare, toySpec } from "./test-support/toy-training.js";
import { runTrainJob, trainJobData, type PrepareSpec } from "./train-job.js";

describe("redisConnection", () => {
  it("reads host, port, credentials, db and TLS from the URL", () => {
    expect(redisConnection("redis://10.0.0.5:7000")).toEqual({ host: "10.0.0.5", port: 7000, maxRetriesPerRequest: null });
    expect(redisConnection("rediss://u:p%40ss@cache/2")).toEqual({ host: "cache", port: 6379, username: "u", password: "p@ss", db: 2, tls: {}, maxRetriesPerRequest: null });
    for (const bad of ["localhost:6379", "http://x", "redis://h/abc"]) {
      const err = (() => { try { redisConnection(bad); } catch (e) { return e; } })();
      expect(isGantryError(err, "QUEUE_BAD_URL")).toBe(true);
    }
  });

  it("says which address did not answer, within the timeout", async () => {
    const err = await openQueue("redis://127.0.0.1:1", () => {}, 1000).catch((e: unknown) => e);
    expect(isGantryError(err, "QUEUE_UNREACHABLE")).toBe(true);
    expect((err as Error).message).toMatch(/no answer from Redis at redis:\/\/127\.0\.0\.1:1 within 1 s/);
  });
});

const redis = redisOrSkip();
if (redis.skip) console.warn(redis.reason);

describe.skipIf(redis.skip)("sweeps on BullMQ (a real redis-server)", () => {
  let server: RedisServer;
  beforeAll(async () => { server = await startRedis(); });
  afterAll(async () => { await server?.stop(); });

  function sweepPlan(name: string, steps: number[], seeds = [1, 2]): { plan: SweepPlan; runsDir: string } {
    const dir = mkdtempSync(join(tmpdir(), "gantry-queue-"));
    writeFileSync(join(dir, "toy.yaml"), toySpec(steps[0], 5));
    writeFileSync(join(dir, "sweep.yaml"), `name: ${name}\nbase: toy.yaml\nseeds: [${seeds}]\ngrid: { nodes.train.params.steps: [${steps}] }\n`);
    return { plan: materializeSweep(loadSweepFile(join(dir, "sweep.yaml"))), runsDir: join(dir, "runs") };
  }

  async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
    const start = Date.now();
    while (!(await check())) {
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const states = async (queue: Queue, name: string, plan: SweepPlan) =>
    (await jobStatuses(queue, plan.runs.map((r) => trainJobId(name, r.id)))).map((s) => s.state);

  it("enqueues each run once (job ID = run ID), runs them, and retries failed ones when enqueued again", async () => {
    const { plan, runsDir } = sweepPlan("once", [6, 7]);
    const queue = await openQueue(server.url);
    let failNext = true;
    const toy = toyPrepare();
    // The first job to arrive fails for good (attempts: 1), as on a worker missing a plugin.
    const prepare: PrepareSpec = async (loaded) => {
      if (failNext) {
        failNext = false;
        throw new Error("no such plugin here");
      }
      return toy(loaded);
    };
    try {
      expect(await enqueueTraining(queue, "once", plan.runs, { attempts: 1 })).toEqual({ added: 4, existing: 0, retried: 0 });
      expect(await enqueueTraining(queue, "once", plan.runs, { attempts: 1 })).toEqual({ added: 0, existing: 4, retried: 0 });
      const worker = startSweepWorker({ url: server.url, runsDir, prepare, lockDurationMs: 5000, stalledIntervalMs: 5000 });
      await worker.ready;
      await until("all jobs settled", async () => (await states(queue, "once", plan)).every((s) => s === "completed" || s === "failed"));
      expect(await states(queue, "once", plan)).toEqual(["failed", "completed", "completed", "completed"]);
      const [failed] = await jobStatuses(queue, [trainJobId("once", plan.runs[0].id)]);
      expect(failed.failedReason).toMatch(/no such plugin here/);
      expect(await enqueueTraining(queue, "once", plan.runs, { attempts: 1 })).toEqual({ added: 0, existing: 3, retried: 1 });
      await until("the retried job", async () => (await states(queue, "once", plan)).every((s) => s === "completed"));
      await worker.stop();
      for (const run of plan.runs) expect(readResult(runPath(runsDir, "once", run.id))?.step).toBe(run.setting.overrides["nodes.train.params.steps"]);
    } finally {
      await queue.close();
    }
  });

  it("re-delivers the job of a worker that died holding it, and the run resumes from its checkpoint", async () => {
    const { plan, runsDir } = sweepPlan("stalled", [30], [1]);
    const run = plan.runs[0];
    const prepare = toyPrepare();
    // The dead worker's work so far: the run stopped at step 12 with a checkpoint…
    const stop = new AbortController();
    await runTrainJob(trainJobData("stalled", run), { runsDir, prepare, worker: "dead", signal: stop.signal, onProgress: (s) => s === 12 && stop.abort() });
    const queue = await openQueue(server.url);
    // …and it holds the job's lock, which nobody renews: fetched, never processed.
    const dead = new Worker(QUEUE_NAME, null, { connection: redisConnection(server.url), lockDuration: 1000, autorun: false });
    try {
      await enqueueTraining(queue, "stalled", plan.runs);
      const taken = await dead.getNextJob("dead-token");
      expect(taken?.id).toBe(trainJobId("stalled", run.id));
      expect(await states(queue, "stalled", plan)).toEqual(["active"]);
      const worker = startSweepWorker({ url: server.url, runsDir, prepare, lockDurationMs: 1000, stalledIntervalMs: 500 });
      await worker.ready;
      await until("the stalled job to complete elsewhere", async () => (await states(queue, "stalled", plan))[0] === "completed");
      await worker.stop();
      const path = runPath(runsDir, "stalled", run.id);
      expect(readAttempts(path).map((a) => [a.worker, a.fromStep])).toEqual([["dead", 0], [expect.stringMatching(/:\d+$/), 12]]);
      expect(readResult(path)).toMatchObject({ step: 30, attempts: [{ fromStep: 0 }, { fromStep: 12 }] });
    } finally {
      await dead.close(true);
      await queue.close();
    }
  });

  it("a stopped worker checkpoints and puts its job back without using an attempt; the next one resumes", async () => {
    const { plan, runsDir } = sweepPlan("handover", [800], [1]);
    const run = plan.runs[0];
    const path = runPath(runsDir, "handover", run.id);
    const queue = await openQueue(server.url);
    try {
      await enqueueTraining(queue, "handover", plan.runs, { attempts: 1 });
      const first = startSweepWorker({ url: server.url, runsDir, prepare: toyPrepare() });
      await first.ready;
      await until("a few steps", () => existsSync(join(path, "events.jsonl")) && readAttempts(path).length === 1);
      await new Promise((r) => setTimeout(r, 300));
      await first.stop();
      const [back] = await jobStatuses(queue, [trainJobId("handover", run.id)]);
      expect(back).toMatchObject({ state: "waiting", attemptsMade: 0 });
      expect(readResult(path)).toBeUndefined();
      const second = startSweepWorker({ url: server.url, runsDir, prepare: toyPrepare() });
      await second.ready;
      await until("the run to finish", async () => (await states(queue, "handover", plan))[0] === "completed", 60_000);
      await second.stop();
      const attempts = readAttempts(path);
      expect(attempts).toHaveLength(2);
      expect(attempts[1].fromStep).toBeGreaterThan(0);
      expect(readResult(path)!.step).toBe(800);
    } finally {
      await queue.close();
    }
  });
});
