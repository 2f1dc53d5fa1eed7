// The consumer side on BullMQ: a Worker that takes one job at a time and runs it with train-job.ts or
// eval-shard.ts. BullMQ holds a lock on the job while it runs (renewed every lockDuration / 2); a worker
// that dies stops renewing it, the stalled-job check puts the job back, and another worker resumes the
// run from its last checkpoint. Stopping (SIGTERM) finishes the step, checkpoints and re-queues the job.
import type { LinearAlgebra } from "@gantry/core";
import { UnrecoverableError, WaitingError, Worker, type Job } from "bullmq";
import { runEvalShard, type EvalShardJobData } from "./eval-shard.js";
import { QUEUE_NAME, redisConnection, waitForRedis } from "./queue-connection.js";
import { EVAL_SHARD_JOB, TRAIN_JOB } from "./sweep-queue.js";
import { runTrainJob, workerName, type PrepareSpec, type TrainJobData } from "./train-job.js";

export interface SweepWorkerOptions {
  readonly url: string;
  readonly runsDir: string;
  readonly prepare: PrepareSpec;
  /**
   * How long a job stays locked without renewal (default 30 000 ms). A killed worker's job is taken
   * again between one lockDuration and lockDuration + stalledInterval after its death. Keep it well
   * above one training step's duration: the lock is renewed between steps.
   */
  readonly lockDurationMs?: number;
  /** How often workers look for jobs whose lock expired (default 30 000 ms). */
  readonly stalledIntervalMs?: number;
  /** Crashes (lock expiries) a job survives before it fails for good (default 10). */
  readonly maxStalledCount?: number;
  readonly log?: (message: string) => void;
  /** Handed to every run's metrics (FID/KID linear algebra; the CLI passes LAPACK where built). */
  readonly linearAlgebra?: LinearAlgebra;
}

export interface SweepWorker {
  /** Resolves when connected; QUEUE_UNREACHABLE when Redis does not answer. */
  readonly ready: Promise<void>;
  /** Stops after the current step (checkpoint written, job back in the queue), then disconnects. */
  stop(): Promise<void>;
}

type JobData = TrainJobData | EvalShardJobData;

export function startSweepWorker(o: SweepWorkerOptions): SweepWorker {
  const log = o.log ?? (() => {});
  const stopping = new AbortController();
  const running = new Map<string, AbortController>();
  const worker = new Worker<JobData>(QUEUE_NAME, (job, token, signal) => handle(job, token, signal), {
    connection: redisConnection(o.url), concurrency: 1, autorun: false,
    lockDuration: o.lockDurationMs ?? 30_000, stalledInterval: o.stalledIntervalMs ?? 30_000, maxStalledCount: o.maxStalledCount ?? 10,
  });
  worker.on("error", (e) => log(`worker: ${e.message}`));
  // Another worker may now own the job: stop at the next step rather than train alongside it.
  worker.on("lockRenewalFailed", (ids) => ids.forEach((id) => running.get(id)?.abort()));
  worker.on("failed", (job, e) => job && log(`${job.id}: attempt ${job.attemptsMade} failed: ${e.message.split("\n")[0]}`));

  async function handle(job: Job<JobData>, token: string | undefined, signal: AbortSignal | undefined): Promise<unknown> {
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    signal?.addEventListener("abort", abort);
    stopping.signal.addEventListener("abort", abort);
    running.set(job.id!, controller);
    try {
      if (job.name === TRAIN_JOB) return await train(job as Job<TrainJobData>, token, controller.signal);
      if (job.name === EVAL_SHARD_JOB) {
        const r = await runEvalShard(job.data as EvalShardJobData, { runsDir: o.runsDir, prepare: o.prepare, log });
        return { shard: r.shard, step: r.step };
      }
      throw new UnrecoverableError(`unknown job kind "${job.name}"`);
    } finally {
      running.delete(job.id!);
      signal?.removeEventListener("abort", abort);
      stopping.signal.removeEventListener("abort", abort);
    }
  }

  async function train(job: Job<TrainJobData>, token: string | undefined, signal: AbortSignal): Promise<unknown> {
    let reported = 0;
    const outcome = await runTrainJob(job.data, {
      runsDir: o.runsDir, prepare: o.prepare, signal, attempt: job.attemptsMade + 1, worker: workerName(), log, linearAlgebra: o.linearAlgebra,
      onProgress: (step, totalSteps) => {
        // Progress is for people watching: twice a second is plenty, and each update is a Redis call.
        if (Date.now() - reported < 500 && step !== totalSteps) return;
        reported = Date.now();
        job.updateProgress({ step, totalSteps }).catch(() => {});
      },
    });
    if (outcome.status === "interrupted") {
      // Not a failure: back to the queue without using an attempt; the next worker resumes the checkpoint.
      // After a lost lock the job is no longer ours (the stalled check has re-queued it): nothing to move.
      await job.moveToWait(token).catch((e: Error) => log(`${job.id}: not moved back (${e.message}); the stalled-job check re-queues it`));
      throw new WaitingError();
    }
    const r = outcome.result;
    log(`${job.id}: completed at step ${r.step} (${r.attempts.length} attempt${r.attempts.length === 1 ? "" : "s"})`);
    return { runId: r.runId, step: r.step, metrics: r.metrics };
  }

  const ready = waitForRedis(worker, o.url).then(() => {
    void worker.run();
    log(`worker ${workerName()} waiting for jobs on ${o.url} (queue "${QUEUE_NAME}", runs in ${o.runsDir})`);
  });
  return {
    ready,
    async stop() {
      stopping.abort();
      await worker.close();
    },
  };
}
