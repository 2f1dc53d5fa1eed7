import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRegistry, isGantryError, tf, type GantryError } from "@gantry/core";
import { beforeAll, describe, expect, it } from "vitest";
import { listCheckpoints, readCheckpoint } from "./checkpoint.js";
import { executePipeline } from "./executor.js";
import { parseSpecText } from "./load-spec.js";
import { createRunDirectory, readJsonl } from "./run-directory.js";
import { fakeTrainingPlugin, fakeTrainingYaml } from "./test-support/fake-training.js";
import { validateSpec } from "./validate-spec.js";

const registry = createRegistry().use(fakeTrainingPlugin);

async function run(steps: number, options: { abortAt?: number; dir?: ReturnType<typeof createRunDirectory>; resume?: boolean } = {}) {
  const loaded = parseSpecText(fakeTrainingYaml(steps), "spec.yaml");
  const graph = validateSpec(loaded, registry);
  const dir = options.dir ?? createRunDirectory(mkdtempSync(join(tmpdir(), "gantry-exec-")), "drift", loaded.text);
  const controller = new AbortController();
  const result = await executePipeline({
    dir, registry, loaded, graph, resume: options.resume, signal: controller.signal,
    onEvent: (e) => { if (e.type === "step" && e.step === options.abortAt) controller.abort(); },
  });
  return { result, dir };
}

const finalWeights = (dir: string): number[] => {
  const last = listCheckpoints(join(dir, "checkpoints")).at(-1)!;
  const { state } = readCheckpoint(last.path);
  const w = Array.from(state.tensors["fake/w"].dataSync());
  tf.dispose(Object.values(state.tensors));
  return w;
};

describe("executePipeline", () => {
  beforeAll(async () => {
    await import("@tensorflow/tfjs-backend-cpu");
    await tf.setBackend("cpu");
  });

  it("runs to completion and writes every file of the run directory", async () => {
    const before = tf.memory().numTensors;
    const { result, dir } = await run(10);
    expect(result.reason).toBe("completed");
    expect(result.step).toBe(10);
    const events = readJsonl<{ type: string; step: number }>(dir.eventsFile);
    expect(events[0].type).toBe("start");
    expect(events.at(-1)!.type).toBe("end");
    expect(events.filter((e) => e.type === "step").map((e) => e.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(events.filter((e) => e.type === "checkpoint").map((e) => e.step)).toEqual([3, 6, 9, 10]);
    const metrics = readJsonl<{ node: string; step: number; values: Record<string, number> }>(dir.metricsFile);
    expect(metrics.map((m) => `${m.node}@${m.step}`)).toEqual(["mean@4", "mean@8", "mean@10", "final@10"]);
    expect(Number.isFinite(metrics[0].values.meanX)).toBe(true);
    expect(readdirSync(dir.samplesDir).sort()).toEqual(["step-000005.png", "step-000010.png"]);
    expect(listCheckpoints(dir.checkpointsDir).map((c) => c.step)).toEqual([9, 10]);
    expect(readFileSync(dir.reportFile, "utf8")).toContain("uPlot");
    expect(readFileSync(dir.specFile, "utf8")).toContain("method/drift");
    expect(tf.memory().numTensors).toBe(before);
  });

  it("runs as many steps as the method declares (totalSteps), without params.steps", async () => {
    const text = fakeTrainingYaml(1).replace("method/drift, with: { data: data }, params: { steps: 1 }", "method/rounds, with: { data: data }, params: { rounds: 3, perRound: 2 }");
    const loaded = parseSpecText(text, "spec.yaml");
    const dir = createRunDirectory(mkdtempSync(join(tmpdir(), "gantry-exec-")), "rounds", loaded.text);
    const result = await executePipeline({ dir, registry, loaded, graph: validateSpec(loaded, registry) });
    expect(text).toContain("method/rounds");
    expect(result.totalSteps).toBe(6);
    expect(result.step).toBe(6);
  });

  it("an unknown named sampler is an error naming the node, the port and the samplers the method has", async () => {
    const text = fakeTrainingYaml(2).replace("mean: { use: metric/mean, with: { generator: train.sampler }", "mean: { use: metric/mean, with: { generator: train.sampler.nope }");
    const loaded = parseSpecText(text, "spec.yaml");
    const dir = createRunDirectory(mkdtempSync(join(tmpdir(), "gantry-exec-")), "drift", loaded.text);
    let err: unknown;
    try { await executePipeline({ dir, registry, loaded, graph: validateSpec(loaded, registry) }); } catch (e) { err = e; }
    expect(isGantryError(err, "SPEC_UNKNOWN_SAMPLER")).toBe(true);
    expect((err as Error).message).toMatch(/spec\.yaml:\d+: mean\.with\.generator: the method "train" has no sampler "nope"/);
    expect((err as GantryError).hint).toBe("its samplers: train.sampler");
  });

  it("stops gracefully on abort with a checkpoint, and resume equals the uninterrupted run", async () => {
    const full = await run(10);
    const partial = await run(10, { abortAt: 7 });
    expect(partial.result.reason).toBe("interrupted");
    expect(listCheckpoints(partial.dir.checkpointsDir).at(-1)!.step).toBe(7);
    const resumed = await run(10, { dir: partial.dir, resume: true });
    expect(resumed.result.reason).toBe("completed");
    expect(finalWeights(partial.dir.path)).toEqual(finalWeights(full.dir.path));
    const steps = readJsonl<{ type: string; step: number }>(partial.dir.eventsFile).filter((e) => e.type === "step").map((e) => e.step);
    expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const metrics = readJsonl<{ node: string; step: number; values: unknown }>(partial.dir.metricsFile);
    const fullMetrics = readJsonl<{ node: string; step: number; values: unknown }>(full.dir.metricsFile);
    expect(metrics.map((m) => [m.node, m.step, m.values])).toEqual(fullMetrics.map((m) => [m.node, m.step, m.values]));
  });

  it("resume without a checkpoint says so", async () => {
    const loaded = parseSpecText(fakeTrainingYaml(3), "spec.yaml");
    const dir = createRunDirectory(mkdtempSync(join(tmpdir(), "gantry-exec-")), "drift", loaded.text);
    await expect(run(3, { dir, resume: true })).rejects.toThrow(/no intact checkpoint/);
    expect(existsSync(dir.reportFile)).toBe(false);
  });
});
