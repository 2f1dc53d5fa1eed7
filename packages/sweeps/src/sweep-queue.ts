// The producer side on BullMQ: one job per run (job ID = `<sweep>.<run id>`, so enqueueing twice adds
// nothing) and one per evaluation shard, retried with exponential backoff; and the jobs' states for
// progress. Jobs carry the run's whole spec, so a worker needs only Redis and the run store.
import { Queue, type Job, type JobState } from "bullmq";
import { checkEvalPlan, type EvalPlan, type EvalShardJobData } from "./eval-shard.js";
import type { PlannedRunSpec } from "./plan-sweep.js";
import { QUEUE_NAME, redisConnection, waitForRedis } from "./queue-connection.js";
import { trainJobData, type TrainJobData } from "./train-job.js";

export const TRAIN_JOB = "train";
export const EVAL_SHARD_JOB = "eval-shard";

// BullMQ job IDs may not contain ":"; sweep names and run IDs cannot either.
export const trainJobId = (sweep: string, runId: string): string => `${sweep}.${runId}`;
export const evalJobId = (sweep: string, runId: string, plan: EvalPlan, shard: number): string =>
  `${sweep}.${runId}.eval-${plan.name}-${shard}-of-${plan.shards}`;

export interface RetryOptions {
  /** Attempts per job (default 5): a crash, a lost worker or a failed step each use one. */
  readonly attempts?: number;
  /** First retry delay in ms, doubling after (default 2000). */
  readonly backoffMs?: number;
}

/** A producer's handle on the queue, once Redis answers (QUEUE_UNREACHABLE after `timeoutMs`). */
export async function openQueue(url: string, log: (m: string) => void = () => {}, timeoutMs = 10_000): Promise<Queue> {
  const queue = new Queue(QUEUE_NAME, { connection: redisConnection(url) });
  queue.on("error", (e) => log(`queue: ${e.message}`));
  try {
    await waitForRedis(queue, url, timeoutMs);
  } catch (e) {
    await queue.close();
    throw e;
  }
  return queue;
}

export interface EnqueueReport {
  /** New jobs. */
  readonly added: number;
  /** Jobs already there (waiting, active, delayed or completed): left alone. */
  readonly existing: number;
  /** Failed jobs (attempts used up) sent back to wait. */
  readonly retried: number;
}

export async function enqueueTraining(queue: Queue, sweep: string, runs: readonly PlannedRunSpec[], retry: RetryOptions = {}): Promise<EnqueueReport> {
  return enqueue(queue, runs.map((run) => ({ id: trainJobId(sweep, run.id), name: TRAIN_JOB, data: trainJobData(sweep, run) })), retry);
}

export async function enqueueEvaluation(
  queue: Queue, sweep: string, runIds: readonly string[], plan: EvalPlan, retry: RetryOptions = {},
): Promise<EnqueueReport> {
  checkEvalPlan(plan);
  const jobs = runIds.flatMap((runId) => Array.from({ length: plan.shards }, (_, shard) => ({
    id: evalJobId(sweep, runId, plan, shard), name: EVAL_SHARD_JOB, data: { sweep, runId, plan, shard } satisfies EvalShardJobData,
  })));
  return enqueue(queue, jobs, retry);
}

async function enqueue(queue: Queue, jobs: readonly { id: string; name: string; data: TrainJobData | EvalShardJobData }[], retry: RetryOptions): Promise<EnqueueReport> {
  let existing = 0;
  let retried = 0;
  const fresh: typeof jobs[number][] = [];
  for (const job of jobs) {
    const found = await queue.getJob(job.id);
    if (!found) fresh.push(job);
    else if ((await found.getState()) === "failed") {
      await found.retry("failed");
      retried++;
    } else existing++;
  }
  await queue.addBulk(fresh.map((job) => ({
    name: job.name, data: job.data,
    opts: { jobId: job.id, attempts: retry.attempts ?? 5, backoff: { type: "exponential", delay: retry.backoffMs ?? 2000 } },
  })));
  return { added: fresh.length, existing, retried };
}

export interface JobStatus {
  readonly id: string;
  readonly state: JobState | "unknown" | "missing";
  readonly step?: number;
  readonly totalSteps?: number;
  readonly attemptsMade: number;
  readonly failedReason?: string;
}

/** The state and progress of each job (one Redis round trip per job; fine for thousands of runs at 1 Hz). */
export async function jobStatuses(queue: Queue, ids: readonly string[]): Promise<JobStatus[]> {
  return Promise.all(ids.map(async (id) => {
    const job: Job | undefined = await queue.getJob(id);
    if (!job) return { id, state: "missing" as const, attemptsMade: 0 };
    const progress = typeof job.progress === "object" && job.progress !== null ? (job.progress as { step?: number; totalSteps?: number }) : {};
    return {
      id, state: await job.getState(), attemptsMade: job.attemptsMade,
      ...(progress.step !== undefined ? { step: progress.step, totalSteps: progress.totalSteps } : {}),
      ...(job.failedReason ? { failedReason: job.failedReason } : {}),
    };
  }));
}
