// Sharded evaluation of a finished run: `samples` generated and reference samples in batches, each
// batch seeded by its index alone, so shard i of k (batches [⌊iB/k⌋, ⌊(i+1)B/k⌋)) draws exactly what one
// process would. A shard keeps float64 moments of both sides (for FID) and one KID block per batch, and
// writes them to the run store; eval-merge.ts combines the shards. Reference samples are drawn batch by
// batch from the training data (with replacement between batches); it does not read saved statistics.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { GantryError, Rng, disposeParams, useBackend, type Dataset, type FeatureExtractor, type Method } from "@gantry/core";
import {
  RunningMoments, batchFeatures, encodeMoments, extractorSpace, kidBlock, rawSpace,
  type EncodedMoments, type FeatureMatrix, type FeatureSpace, type KidBlock,
} from "@gantry/metrics";
import {
  DEFAULT_BACKENDS, instantiateGraph, latestCheckpoint, openRunDirectory, parseSpecText, type ValidatedGraph,
} from "@gantry/pipeline";
import { readResult, runPath, writeJsonAtomically } from "./run-store.js";
import type { PrepareSpec } from "./train-job.js";

export const SHARD_FORMAT = "gantry-eval-shard/1";

export interface EvalPlan {
  /** Folder under the run: eval/<name>/. */
  readonly name: string;
  readonly samples: number;
  readonly batchSize: number;
  readonly shards: number;
  readonly seed: number;
}

export interface EvalShardJobData {
  readonly sweep: string;
  readonly runId: string;
  readonly plan: EvalPlan;
  readonly shard: number;
}

export interface ShardRecord {
  readonly format: typeof SHARD_FORMAT;
  readonly plan: EvalPlan;
  readonly shard: number;
  /** Batch indices [from, to). */
  readonly batches: readonly [number, number];
  /** The checkpoint step evaluated. */
  readonly step: number;
  readonly extractor: string;
  readonly generated: EncodedMoments;
  readonly reference: EncodedMoments;
  readonly kid: readonly KidBlock[];
}

export const evalDir = (run: string, name: string): string => join(run, "eval", name);
/** What names an evaluation in the run store: its folder and shard count. */
export type EvalRef = Pick<EvalPlan, "name" | "shards">;

export const shardFile = (run: string, plan: EvalRef, shard: number): string => join(evalDir(run, plan.name), `shard-${shard}-of-${plan.shards}.json`);

/** Batch indices [from, to) of shard `i`: the B batches split as evenly as they go. */
export function shardBatches(plan: EvalPlan, shard: number): [number, number] {
  const batches = Math.ceil(plan.samples / plan.batchSize);
  return [Math.floor((shard * batches) / plan.shards), Math.floor(((shard + 1) * batches) / plan.shards)];
}

export function checkEvalPlan(plan: EvalPlan): void {
  const batches = Math.ceil(plan.samples / plan.batchSize);
  const bad = !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(plan.name) ? "name must be a folder name"
    : !(Number.isInteger(plan.samples) && plan.samples >= 2) ? "samples must be an integer ≥ 2"
      : !(Number.isInteger(plan.batchSize) && plan.batchSize >= 2) ? "batch size must be an integer ≥ 2"
        : !(Number.isInteger(plan.shards) && plan.shards >= 1 && plan.shards <= batches) ? `shards must be between 1 and the number of batches (${batches})`
          : undefined;
  if (bad) throw new GantryError("EVAL_BAD_PLAN", bad, { hint: "e.g. --samples 10000 --batch-size 250 --shards 8" });
}

export interface EvalContext {
  readonly runsDir: string;
  readonly prepare: PrepareSpec;
  readonly log?: (message: string) => void;
}

/** Evaluates one shard and writes its record; a shard already written for the same step is returned as is. */
export async function runEvalShard(job: EvalShardJobData, ctx: EvalContext): Promise<ShardRecord> {
  const path = runPath(ctx.runsDir, job.sweep, job.runId);
  const done = readResult(path);
  if (!done) {
    throw new GantryError("EVAL_RUN_NOT_DONE", `${job.sweep}/${job.runId} has not finished training`, {
      where: { file: path }, hint: "evaluate after `gantry sweep` reports the run completed",
    });
  }
  const file = shardFile(path, job.plan, job.shard);
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as ShardRecord) : undefined;
  if (existing?.format === SHARD_FORMAT && existing.step === done.step && sameJson(existing.plan, job.plan)) return existing;
  const run = await restore(path, ctx);
  try {
    const record = await evaluateBatches(run, job.plan, job.shard);
    writeJsonAtomically(file, record);
    ctx.log?.(`${job.sweep}/${job.runId}: eval ${job.plan.name} shard ${job.shard + 1}/${job.plan.shards} (batches ${record.batches.join("–")})`);
    return record;
  } finally {
    run.method.dispose();
  }
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

interface RestoredRun {
  readonly method: Method;
  readonly data: Dataset;
  readonly space: FeatureSpace;
  readonly step: number;
}

/** The run's graph at its newest checkpoint, on the spec's backend. */
async function restore(path: string, ctx: EvalContext): Promise<RestoredRun> {
  const dir = openRunDirectory(path);
  const loaded = parseSpecText(readFileSync(dir.specFile, "utf8"), dir.specFile);
  const { registry, graph } = await ctx.prepare(loaded);
  await useBackend(registry, loaded.spec.backend ?? DEFAULT_BACKENDS, { log: () => {} });
  // Checkpoint tensors live on the backend that reads them: read after useBackend.
  const checkpoint = latestCheckpoint(dir.checkpointsDir, ctx.log);
  if (!checkpoint) throw new GantryError("RUN_NO_CHECKPOINT", `${path} has no intact checkpoint`, { where: { file: path }, hint: "train the run again" });
  const values = instantiateGraph(graph, registry, loaded);
  const method = values.get(graph.trainingNode) as Method;
  method.importState(checkpoint.state);
  disposeParams(checkpoint.state.tensors);
  return { method, data: trainingData(graph, values, path), space: featureSpaceOf(graph, values), step: checkpoint.meta.step };
}

function trainingData(graph: ValidatedGraph, values: Map<string, unknown>, path: string): Dataset {
  const id = graph.nodes.get(graph.trainingNode)!.inputs.data;
  const data = typeof id === "string" ? (values.get(id) as Dataset | undefined) : undefined;
  if (!data) throw new GantryError("EVAL_NO_DATA", "the training node has no `data` dataset to draw reference samples from", { where: { file: path }, hint: "bind with.data of the training node to a dataset" });
  return data;
}

/** The spec's feature extractor node when it has one (as metric/fid would use), else the raw samples. */
function featureSpaceOf(graph: ValidatedGraph, values: Map<string, unknown>): FeatureSpace {
  const node = [...graph.nodes.values()].find((n) => n.kind === "featureExtractor");
  return node ? extractorSpace(values.get(node.id) as FeatureExtractor) : rawSpace;
}

async function evaluateBatches(run: RestoredRun, plan: EvalPlan, shard: number): Promise<ShardRecord> {
  // The draws depend on the seed and the batch index only (not the name or the sharding), so two
  // evaluations of one run with the same seed see the same samples whatever their shard counts.
  const rng = Rng.seeded(plan.seed).split("eval");
  const [from, to] = shardBatches(plan, shard);
  let generated: RunningMoments | undefined;
  let reference: RunningMoments | undefined;
  const kid: KidBlock[] = [];
  const sampler = run.method.sampler();
  for (let b = from; b < to; b++) {
    const size = Math.min(plan.batchSize, plan.samples - b * plan.batchSize);
    const fake = await batchFeatures(run.space, sampler.sample(size, rng.split(`generated/${b}`).nextSeed()));
    const real = await referenceBatch(run, size, rng.split(`reference/${b}`).nextSeed());
    generated = (generated ?? new RunningMoments(fake.dim)).update(fake);
    reference = (reference ?? new RunningMoments(real.dim)).update(real);
    if (size >= 2) kid.push(kidBlock(b, fake, real));
  }
  if (!generated || !reference) throw new GantryError("EVAL_EMPTY_SHARD", `shard ${shard} has no batches`, { hint: "use fewer shards" });
  return {
    format: SHARD_FORMAT, plan, shard, batches: [from, to], step: run.step, extractor: run.space.name,
    generated: encodeMoments(generated.state()), reference: encodeMoments(reference.state()), kid,
  };
}

/** The first batch of a fresh stream seeded for this batch index: `size` i.i.d. draws for a mixture. */
async function referenceBatch(run: RestoredRun, size: number, seed: number): Promise<FeatureMatrix> {
  const stream = run.data.stream({ batchSize: size, seed, repeat: true });
  try {
    const { value, done } = await stream.next();
    if (done || !value) throw new GantryError("EVAL_NO_DATA", "the training data yielded no batch", { hint: "check the dataset" });
    value.y?.dispose();
    return await batchFeatures(run.space, value.x);
  } finally {
    await stream.return?.(undefined);
  }
}
