// The executor: sets up the backend, creates the graph, then runs the training node step by step,
// running observers every N steps and emitting typed events (docs/architecture.md) to the run directory
// and to the caller. An abort (Ctrl-C) finishes the current step and writes a checkpoint.
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  GantryError, Rng, disposeParams, tf, useBackend,
  type Dataset, type GantryEvent, type Method, type Metric, type Registry, type StepStats,
} from "@gantry/core";
import { latestCheckpoint, pruneCheckpoints, writeCheckpoint } from "./checkpoint.js";
import { instantiateGraph } from "./instantiate.js";
import type { LoadedSpec } from "./load-spec.js";
import { writeReport } from "./report.js";
import { appendJsonl, truncateJsonl, type RunDirectory } from "./run-directory.js";
import { imageGridPng, scatterPng } from "./sample-image.js";
import { DEFAULT_BACKENDS } from "./spec-schema.js";
import type { ValidatedGraph } from "./validate-spec.js";

export interface ExecuteOptions {
  readonly dir: RunDirectory;
  readonly registry: Registry;
  readonly loaded: LoadedSpec;
  readonly graph: ValidatedGraph;
  /** Continue from the newest checkpoint in dir, cutting the logs back to its step. */
  readonly resume?: boolean;
  /** Abort = graceful stop: the current step finishes and a checkpoint is written. */
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: GantryEvent) => void;
  readonly log?: (message: string) => void;
}

export interface RunResult {
  readonly dir: string;
  readonly backend: string;
  readonly step: number;
  readonly totalSteps: number;
  readonly reason: "completed" | "interrupted";
  readonly seconds: number;
  readonly lastStats: StepStats;
}

export const specHash = (text: string): string => createHash("sha256").update(text).digest("hex").slice(0, 16);
const now = (): string => new Date().toISOString();
const pad = (step: number): string => String(step).padStart(6, "0");

export async function executePipeline(options: ExecuteOptions): Promise<RunResult> {
  const { registry, loaded, graph } = options;
  const log = options.log ?? (() => {});
  const { spec } = loaded;
  const backend = await useBackend(registry, spec.backend ?? DEFAULT_BACKENDS, { log });
  const values = instantiateGraph(graph, registry, loaded);
  const method = values.get(graph.trainingNode) as Method;
  const totalSteps = method.totalSteps ?? stepsOf(graph, loaded);
  const run = new Run(options, method, values, totalSteps, backend);
  try {
    return await run.execute();
  } finally {
    method.dispose();
  }
}

/** The length of a method that does not declare `totalSteps` (older third-party methods): its params.steps. */
function stepsOf(graph: ValidatedGraph, loaded: LoadedSpec): number {
  const node = graph.nodes.get(graph.trainingNode)!;
  const steps = (node.params as { steps?: unknown }).steps;
  if (typeof steps !== "number" || !Number.isInteger(steps) || steps < 1) {
    throw new GantryError("SPEC_NO_STEPS", `training node "${node.id}" declares no length (method.totalSteps) and has no params.steps`, {
      where: { file: loaded.file, line: loaded.lineOf(node.path), node: node.id, field: "params.steps" }, hint: "set params.steps to the number of generator steps",
    });
  }
  return steps;
}

class Run {
  private readonly seed: number;
  private readonly hash: string;
  private realPoints: Float32Array | undefined;
  private lastStats: StepStats = {};

  constructor(
    private readonly o: ExecuteOptions,
    private readonly method: Method,
    private readonly values: Map<string, unknown>,
    private readonly totalSteps: number,
    private readonly backend: string,
  ) {
    this.seed = o.loaded.spec.seed ?? 0;
    this.hash = specHash(o.loaded.text);
  }

  private emit(event: GantryEvent, persist = true): void {
    if (persist) appendJsonl(this.o.dir.eventsFile, event);
    this.o.onEvent?.(event);
  }

  async execute(): Promise<RunResult> {
    const started = performance.now();
    if (this.o.resume) this.restore();
    const first = this.method.stepCount;
    this.emit({ type: "start", time: now(), name: this.o.loaded.spec.name, step: first, backend: this.backend, totalSteps: this.totalSteps });
    const sinks = this.o.loaded.spec.sinks ?? {};
    const logEvery = sinks.log?.every ?? 1;
    let lastCheckpoint = -1;
    while (this.method.stepCount < this.totalSteps && !this.o.signal?.aborted) {
      this.lastStats = await this.method.step();
      const step = this.method.stepCount;
      this.emit({ type: "step", time: now(), step, stats: this.lastStats }, step % logEvery === 0 || step === this.totalSteps);
      await this.observe(step, false);
      if (sinks.samples && step % sinks.samples.every === 0) await this.writeSamples(step);
      if (sinks.checkpoint && step % sinks.checkpoint.every === 0) lastCheckpoint = await this.checkpoint(step);
      if (sinks.report?.every && step % sinks.report.every === 0) writeReport(this.o.dir);
      // A step on cpu/wasm settles through microtasks only; without a macrotask turn, signal handlers
      // (Ctrl-C → abort) would not run until training ended.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const step = this.method.stepCount;
    const reason = step >= this.totalSteps ? "completed" : "interrupted";
    if (reason === "completed") {
      await this.observe(step, true);
      if (sinks.samples && step % sinks.samples.every !== 0) await this.writeSamples(step);
    }
    if (lastCheckpoint !== step) await this.checkpoint(step);
    const seconds = (performance.now() - started) / 1000;
    this.emit({ type: "end", time: now(), step, reason, details: { seconds, stepsPerSecond: (step - first) / Math.max(seconds, 1e-9) } });
    writeReport(this.o.dir);
    return { dir: this.o.dir.path, backend: this.backend, step, totalSteps: this.totalSteps, reason, seconds, lastStats: this.lastStats };
  }

  private restore(): void {
    const found = latestCheckpoint(this.o.dir.checkpointsDir, this.o.log);
    if (!found) {
      throw new GantryError("RESUME_NO_CHECKPOINT", `no intact checkpoint in ${this.o.dir.checkpointsDir}`, {
        where: { file: this.o.dir.path }, hint: "the run crashed before its first checkpoint: start it again with `gantry run`",
      });
    }
    if (found.meta.specHash !== this.hash) this.o.log?.(`warning: spec.yaml changed since checkpoint ${found.meta.step}`);
    this.method.importState(found.state);
    disposeParams(found.state.tensors);
    truncateJsonl(this.o.dir.eventsFile, found.meta.step);
    truncateJsonl(this.o.dir.metricsFile, found.meta.step);
  }

  /** Runs observers due at this step (or, at the end, those without `every`). */
  private async observe(step: number, atEnd: boolean): Promise<void> {
    for (const id of this.o.graph.observers) {
      const every = this.o.graph.nodes.get(id)!.every;
      const due = atEnd ? every === undefined || step % every !== 0 : every !== undefined && step % every === 0;
      if (!due) continue;
      const metric = this.values.get(id) as Metric;
      const rng = Rng.seeded(this.seed).split(`metric/${id}`).split(String(step));
      const result = await metric.evaluate({ step, rng });
      for (const image of result.images ?? []) writeFileSync(join(this.o.dir.samplesDir, `${id}-${image.name}-step-${pad(step)}.png`), image.png);
      const line = { time: now(), step, node: id, values: result.values, ...(result.details !== undefined ? { details: result.details } : {}) };
      appendJsonl(this.o.dir.metricsFile, line);
      this.emit({ type: "metric", time: line.time, step, node: id, result: { values: result.values, details: result.details } });
    }
  }

  private async writeSamples(step: number): Promise<void> {
    const n = this.o.loaded.spec.sinks?.samples?.n ?? 64;
    const sampleSeed = Rng.seeded(this.seed).split("samples").nextSeed();
    const x = this.method.sample(n, sampleSeed);
    try {
      const values = (await x.data()) as Float32Array;
      const png = x.shape.length === 2 && x.shape[1] === 2
        ? scatterPng(values, await this.real(), { centres: this.dataset()?.info.mixture?.centres })
        : x.shape.length === 4 ? imageGridPng(values, x.shape) : undefined;
      if (!png) return;
      const path = join(this.o.dir.samplesDir, `step-${pad(step)}.png`);
      writeFileSync(path, png);
      this.emit({ type: "sample", time: now(), step, path });
    } finally {
      x.dispose();
    }
  }

  private dataset(): Dataset | undefined {
    const data = this.o.graph.nodes.get(this.o.graph.trainingNode)!.inputs.data;
    return typeof data === "string" ? (this.values.get(data) as Dataset | undefined) : undefined;
  }

  /** A fixed batch of real 2-D points to draw under the samples. */
  private async real(): Promise<Float32Array | undefined> {
    if (this.realPoints) return this.realPoints;
    const dataset = this.dataset();
    if (!dataset) return undefined;
    const stream = dataset.stream({ batchSize: 512, seed: this.seed, repeat: true });
    const { value, done } = await stream.next();
    if (done || !value) return undefined;
    this.realPoints = (await value.x.data()) as Float32Array;
    tf.dispose([value.x, value.y]);
    await stream.return?.(undefined);
    return this.realPoints;
  }

  private async checkpoint(step: number): Promise<number> {
    const state = this.method.exportState();
    try {
      const path = await writeCheckpoint(this.o.dir.checkpointsDir, state, { step, specHash: this.hash });
      pruneCheckpoints(this.o.dir.checkpointsDir, this.o.loaded.spec.sinks?.checkpoint?.keep ?? 3);
      this.emit({ type: "checkpoint", time: now(), step, path });
    } finally {
      disposeParams(state.tensors);
    }
    return step;
  }
}
