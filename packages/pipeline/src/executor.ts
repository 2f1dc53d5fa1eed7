// The executor: sets up the backend, creates the graph, then runs the training node step by step,
// running observers every N steps and emitting typed events (docs/architecture.md) to the run directory
// and to the caller. An abort (Ctrl-C) finishes the current step and writes a checkpoint. The numerical
// guard (spec `guard`) stops the run, or rolls it back, at the first NaN/±Inf, and never checkpoints one.
// The spec's `sinks.loggers` (sink plugins) get every persisted event, awaited in order, and are closed at
// the end; they cannot be cut back on resume or rollback as the JSONL logs are (they see the rollback event).
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  GantryError, Rng, disposeParams, tf, useBackend,
  type Dataset, type GantryEvent, type LinearAlgebra, type Method, type Metric, type Registry, type Sink, type StepStats,
} from "@gantry/core";
import { BestCheckpoint } from "./best-checkpoint.js";
import { importCheckpoint, latestCheckpoint, listCheckpoints, pruneCheckpoints, writeCheckpoint } from "./checkpoint.js";
import { instantiateGraph } from "./instantiate.js";
import type { LoadedSpec } from "./load-spec.js";
import { guardSettings, paramsDivergence, statsDivergence, type Divergence, type GuardSettings } from "./numerical-guard.js";
import { scaleLearningRates } from "./numerical-guard-rollback.js";
import { writeReport } from "./report.js";
import { appendJsonl, readJsonl, truncateJsonl, type RunDirectory } from "./run-directory.js";
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
  /** Handed to every metric (FID/KID eigendecompositions and products): e.g. LAPACK where installed. */
  readonly linearAlgebra?: LinearAlgebra;
}

export interface RunResult {
  readonly dir: string;
  readonly backend: string;
  readonly step: number;
  readonly totalSteps: number;
  readonly reason: "completed" | "interrupted";
  readonly seconds: number;
  readonly lastStats: StepStats;
  /** How often the guard rolled the run back (spec `guard.onNonFinite: rollback`). */
  readonly rollbacks: number;
}

export const specHash = (text: string): string => createHash("sha256").update(text).digest("hex").slice(0, 16);
const now = (): string => new Date().toISOString();
const pad = (step: number): string => String(step).padStart(6, "0");
/** A learning-rate factor for messages: 0.1² reads 0.01, not 0.010000000000000002. */
const factorText = (x: number): string => String(Number(x.toPrecision(6)));

export async function executePipeline(options: ExecuteOptions): Promise<RunResult> {
  const log = options.log ?? (() => {});
  const backend = await useBackend(options.registry, options.loaded.spec.backend ?? DEFAULT_BACKENDS, { log });
  const run = new Run(options, backend);
  try {
    return await run.execute();
  } finally {
    run.dispose();
    await run.closeSinks(log);
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
  private readonly guard: GuardSettings;
  private readonly totalSteps: number;
  private readonly started = performance.now();
  private method!: Method;
  private values!: Map<string, unknown>;
  private realPoints: Float32Array | undefined;
  private lastStats: StepStats = {};
  private lastCheckpoint = -1;
  private rollbacks = 0;
  private sinks: { readonly name: string; readonly sink: Sink }[] = [];
  private readonly best: BestCheckpoint | undefined;

  constructor(private readonly o: ExecuteOptions, private readonly backend: string) {
    this.seed = o.loaded.spec.seed ?? 0;
    this.hash = specHash(o.loaded.text);
    const keepBest = o.loaded.spec.sinks?.checkpoint?.keepBest;
    this.best = keepBest && new BestCheckpoint(o.dir.path, keepBest, { file: o.loaded.file, line: o.loaded.lineOf(["sinks", "checkpoint", "keepBest"]) });
    this.guard = guardSettings(o.loaded.spec.guard);
    this.build();
    this.totalSteps = this.method.totalSteps ?? stepsOf(o.graph, o.loaded);
  }

  dispose(): void {
    this.method.dispose();
  }

  /** Persisted events go to events.jsonl and to every logger (awaited, in spec order); all go to onEvent. */
  private async emit(event: GantryEvent, persist = true): Promise<void> {
    if (persist) appendJsonl(this.o.dir.eventsFile, event);
    this.o.onEvent?.(event);
    if (!persist) return;
    for (const { name, sink } of this.sinks) {
      try {
        await sink.handle(event);
      } catch (e) {
        throw this.sinkError(name, `failed on a ${event.type} event`, e);
      }
    }
  }

  /** Creates the spec's loggers, each with the run folder to write in. */
  private openSinks(): void {
    for (const logger of this.o.graph.loggers) {
      const where = { file: this.o.loaded.file, line: this.o.loaded.lineOf(logger.path), field: logger.path.join(".") };
      const sink = this.o.registry.create("sink", logger.name, logger.params, {}, { where, runDir: this.o.dir.path });
      this.sinks.push({ name: logger.name, sink });
    }
  }

  /**
   * Closes (flushes) every logger once. After a completed run a failing close fails it (its log would be
   * incomplete); with `log`, while another error is on its way, it is only reported.
   */
  async closeSinks(log?: (message: string) => void): Promise<void> {
    const sinks = this.sinks;
    this.sinks = [];
    for (const { name, sink } of sinks) {
      try {
        await sink.close?.();
      } catch (e) {
        const error = this.sinkError(name, "failed to close", e);
        if (!log) throw error;
        log(`gantry: warning: ${error.message}`);
      }
    }
  }

  private sinkError(name: string, what: string, cause: unknown): GantryError {
    return new GantryError("SINK_FAILED", `logger sink/${name} ${what}: ${(cause as Error).message ?? String(cause)}`, {
      where: { file: this.o.loaded.file, field: "sinks.loggers" }, hint: "fix or remove this logger in sinks.loggers; report a bug to its plugin's authors", cause,
    });
  }

  /** Learning rates are scaled by lrScale per rollback so far. */
  private lrFactor(): number {
    return this.guard.lrScale ** this.rollbacks;
  }

  /** Creates the graph's values (after rollbacks, with scaled learning rates); returns the optimizers it could not scale. */
  private build(): readonly string[] {
    const { graph, unscaled } = this.rollbacks === 0
      ? { graph: this.o.graph, unscaled: [] }
      : scaleLearningRates(this.o.graph, this.lrFactor());
    this.values = instantiateGraph(graph, this.o.registry, this.o.loaded);
    this.method = this.values.get(graph.trainingNode) as Method;
    return unscaled;
  }

  async execute(): Promise<RunResult> {
    if (this.o.resume) this.restore();
    this.openSinks();
    const first = this.method.stepCount;
    await this.emit({ type: "start", time: now(), name: this.o.loaded.spec.name, step: first, backend: this.backend, totalSteps: this.totalSteps });
    for (let diverged = await this.train(); diverged; diverged = await this.train()) await this.recover(diverged);
    const step = this.method.stepCount;
    const reason = step >= this.totalSteps ? "completed" : "interrupted";
    const seconds = (performance.now() - this.started) / 1000;
    const rollbacks: Record<string, number> = this.rollbacks > 0 ? { rollbacks: this.rollbacks, lrScale: this.lrFactor() } : {};
    await this.emit({ type: "end", time: now(), step, reason, details: { seconds, stepsPerSecond: (step - first) / Math.max(seconds, 1e-9), ...rollbacks } });
    writeReport(this.o.dir);
    await this.closeSinks();
    return {
      dir: this.o.dir.path, backend: this.backend, step, totalSteps: this.totalSteps, reason, seconds, lastStats: this.lastStats, rollbacks: this.rollbacks,
    };
  }

  /** Steps to the end (or an abort), then finishes; the first non-finite value found ends either early. */
  private async train(): Promise<Divergence | undefined> {
    return (await this.steps()) ?? (await this.finish());
  }

  private async steps(): Promise<Divergence | undefined> {
    const sinks = this.o.loaded.spec.sinks ?? {};
    const logEvery = sinks.log?.every ?? 1;
    while (this.method.stepCount < this.totalSteps && !this.o.signal?.aborted) {
      this.lastStats = await this.method.step();
      const step = this.method.stepCount;
      const diverged = statsDivergence(step, this.lastStats);
      await this.emit({ type: "step", time: now(), step, stats: this.lastStats }, diverged !== undefined || step % logEvery === 0 || step === this.totalSteps);
      if (diverged) return diverged;
      if (this.guard.checkParams === "step") {
        const bad = await this.checkParams(step);
        if (bad) return bad;
      }
      await this.observe(step, false);
      if (sinks.samples && step % sinks.samples.every === 0) await this.writeSamples(step);
      if (sinks.checkpoint && step % sinks.checkpoint.every === 0) {
        const bad = await this.checkpoint(step);
        if (bad) return bad;
      }
      if (sinks.report?.every && step % sinks.report.every === 0) writeReport(this.o.dir);
      // A step on cpu/wasm settles through microtasks only; without a macrotask turn, signal handlers
      // (Ctrl-C → abort) would not run until training ended.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return undefined;
  }

  /** After the last step: the parameters checked, end-of-run observers and samples, the last checkpoint. */
  private async finish(): Promise<Divergence | undefined> {
    const step = this.method.stepCount;
    const sinks = this.o.loaded.spec.sinks ?? {};
    if (step >= this.totalSteps) {
      // Checked before the observers read them: a metric fed NaN samples may fail in ways that hide why.
      const bad = this.lastCheckpoint === step ? undefined : await this.checkParams(step);
      if (bad) return bad;
      await this.observe(step, true);
      if (sinks.samples && step % sinks.samples.every !== 0) await this.writeSamples(step);
    }
    return this.lastCheckpoint === step ? undefined : this.checkpoint(step);
  }

  /** Rolls back when the spec allows one more; otherwise ends the run as diverged (throws). */
  private async recover(diverged: Divergence): Promise<void> {
    if (this.guard.onNonFinite === "rollback" && this.rollbacks < this.guard.maxRollbacks) await this.rollback(diverged);
    else await this.stop(diverged);
  }

  /** Back to the last checkpoint (or the initial state) with every optimizer's learning rate × lrScale. */
  private async rollback(diverged: Divergence): Promise<void> {
    this.rollbacks++;
    this.method.dispose();
    const unscaled = this.build();
    const found = latestCheckpoint(this.o.dir.checkpointsDir, this.o.log);
    const to = found?.meta.step ?? 0;
    if (found) importCheckpoint(this.method, found);
    truncateJsonl(this.o.dir.eventsFile, to);
    truncateJsonl(this.o.dir.metricsFile, to);
    this.lastCheckpoint = found ? to : -1;
    const factor = this.lrFactor();
    this.o.log?.(`gantry: ${diverged.description} at step ${diverged.step} in node "${this.o.graph.trainingNode}"; rolling back to `
      + `${found ? `the checkpoint of step ${to}` : "the initial state (no checkpoint yet)"} with learning rates × ${factorText(factor)} `
      + `(rollback ${this.rollbacks} of ${this.guard.maxRollbacks})`);
    if (unscaled.length) this.o.log?.(`gantry: warning: rollback cannot lower ${unscaled.join(", ")}: bind an optimizer node there`);
    await this.emit({ type: "rollback", time: now(), step: to, from: diverged.step, quantity: diverged.quantity, lrScale: factor, attempt: this.rollbacks });
  }

  /** Ends the run as diverged: an end event, the report, and RUN_NOT_FINITE saying what to do. */
  private async stop(diverged: Divergence): Promise<never> {
    const seconds = (performance.now() - this.started) / 1000;
    await this.emit({
      type: "end", time: now(), step: diverged.step, reason: "diverged",
      details: { quantity: diverged.quantity, description: diverged.description, rollbacks: this.rollbacks, seconds },
    });
    writeReport(this.o.dir);
    const node = this.o.graph.nodes.get(this.o.graph.trainingNode)!;
    const tried = this.rollbacks > 0 ? ` after ${this.rollbacks} rollback${this.rollbacks > 1 ? "s" : ""} (learning rates × ${factorText(this.lrFactor())})` : "";
    throw new GantryError("RUN_NOT_FINITE", `${diverged.description} at step ${diverged.step} in node "${node.id}"${tried}`, {
      where: { file: this.o.loaded.file, line: this.o.loaded.lineOf(node.path) }, hint: this.divergenceHint(),
    });
  }

  private divergenceHint(): string {
    const last = listCheckpoints(this.o.dir.checkpointsDir).at(-1);
    const fix = "lower the learning rate or add a gradient penalty (regularizer/r1, regularizer/gradient-penalty)";
    const from = last
      ? `; the checkpoint of step ${last.step} is intact (none is written after a NaN/Inf): edit ${this.o.dir.specFile} and \`gantry resume ${this.o.dir.path}\``
      : "; no checkpoint was written before it: edit the spec and run it again";
    const auto = this.guard.onNonFinite === "rollback"
      ? `; ${this.guard.maxRollbacks} rollback${this.guard.maxRollbacks > 1 ? "s" : ""} did not help (raise guard.maxRollbacks or lower guard.lrScale)`
      : "; or set guard: { onNonFinite: rollback } to retry from the last checkpoint with lower learning rates";
    return `${fix}${from}${auto}`;
  }

  private restore(): void {
    const found = latestCheckpoint(this.o.dir.checkpointsDir, this.o.log);
    if (!found) {
      throw new GantryError("RESUME_NO_CHECKPOINT", `no intact checkpoint in ${this.o.dir.checkpointsDir}`, {
        where: { file: this.o.dir.path }, hint: "the run crashed before its first checkpoint: start it again with `gantry run`",
      });
    }
    if (found.meta.specHash !== this.hash) this.o.log?.(`warning: spec.yaml changed since checkpoint ${found.meta.step}`);
    truncateJsonl(this.o.dir.eventsFile, found.meta.step);
    truncateJsonl(this.o.dir.metricsFile, found.meta.step);
    // Rollbacks before the checkpoint lowered the learning rates it was trained with: keep them lowered.
    this.rollbacks = readJsonl<{ type?: string }>(this.o.dir.eventsFile).filter((e) => e.type === "rollback").length;
    if (this.rollbacks > 0) {
      this.method.dispose();
      this.build();
      this.o.log?.(`gantry: ${this.rollbacks} rollback(s) earlier in this run: learning rates × ${factorText(this.lrFactor())}`);
    }
    importCheckpoint(this.method, found);
    this.lastCheckpoint = found.meta.step;
  }

  /** Runs observers due at this step (or, at the end, those without `every`). */
  private async observe(step: number, atEnd: boolean): Promise<void> {
    for (const id of this.o.graph.observers) {
      const every = this.o.graph.nodes.get(id)!.every;
      const due = atEnd ? every === undefined || step % every !== 0 : every !== undefined && step % every === 0;
      if (!due) continue;
      const metric = this.values.get(id) as Metric;
      const rng = Rng.seeded(this.seed).split(`metric/${id}`).split(String(step));
      const result = await metric.evaluate({ step, rng, linearAlgebra: this.o.linearAlgebra });
      for (const image of result.images ?? []) writeFileSync(join(this.o.dir.samplesDir, `${id}-${image.name}-step-${pad(step)}.png`), image.png);
      const line = { time: now(), step, node: id, values: result.values, ...(result.details !== undefined ? { details: result.details } : {}) };
      appendJsonl(this.o.dir.metricsFile, line);
      await this.emit({ type: "metric", time: line.time, step, node: id, result: { values: result.values, details: result.details } });
      const best = await this.best?.consider(id, step, result.values, this.hash, () => this.method.exportState());
      if (best) this.o.log?.(`gantry: best ${best.metric}.${best.value} so far (${best.score}) at step ${step}: ${best.path}`);
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
      await this.emit({ type: "sample", time: now(), step, path });
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

  /** The method's tensors checked for NaN/±Inf (on an exported copy, disposed here). */
  private async checkParams(step: number): Promise<Divergence | undefined> {
    const state = this.method.exportState();
    try {
      return await paramsDivergence(step, state.tensors);
    } finally {
      disposeParams(state.tensors);
    }
  }

  /** Writes a checkpoint unless a tensor holds NaN/±Inf: then returns that instead, and writes nothing. */
  private async checkpoint(step: number): Promise<Divergence | undefined> {
    const state = this.method.exportState();
    try {
      const diverged = await paramsDivergence(step, state.tensors);
      if (diverged) return diverged;
      const path = await writeCheckpoint(this.o.dir.checkpointsDir, state, { step, specHash: this.hash });
      pruneCheckpoints(this.o.dir.checkpointsDir, this.o.loaded.spec.sinks?.checkpoint?.keep ?? 3);
      this.lastCheckpoint = step;
      await this.emit({ type: "checkpoint", time: now(), step, path });
      return undefined;
    } finally {
      disposeParams(state.tensors);
    }
  }
}
