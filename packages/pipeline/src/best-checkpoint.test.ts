// keepBest: the best checkpoint of a monitored metric, kept apart from the rolling ones, across resume.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRegistry, tf } from "@gantry/core";
import { gantryErrorOf } from "@gantry/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { bestDir, readBest } from "./best-checkpoint.js";
import { readCheckpoint } from "./checkpoint.js";
import { executePipeline } from "./executor.js";
import { parseSpecText } from "./load-spec.js";
import { createRunDirectory, readJsonl } from "./run-directory.js";
import { fakeTrainingPlugin, fakeTrainingYaml } from "./test-support/fake-training.js";
import { validateSpec } from "./validate-spec.js";

const registry = createRegistry().use(fakeTrainingPlugin);

/** The fake drift run (w ← 0.9 w + noise) with `mean` every 2 steps and the given keepBest. */
const spec = (keepBest: string, steps = 10): string => fakeTrainingYaml(steps)
  .replace("every: 4 }", "every: 2 }")
  .replace("checkpoint: { every: 3, keep: 2 }", `checkpoint: { every: 3, keep: 2, keepBest: ${keepBest} }`);

async function run(text: string, options: { abortAt?: number; resumeIn?: ReturnType<typeof createRunDirectory> } = {}) {
  const loaded = parseSpecText(text, "spec.yaml");
  const graph = validateSpec(loaded, registry);
  const dir = options.resumeIn ?? createRunDirectory(mkdtempSync(join(tmpdir(), "gantry-best-")), "drift", loaded.text);
  const controller = new AbortController();
  await executePipeline({
    dir, registry, loaded, graph, resume: options.resumeIn !== undefined, signal: controller.signal,
    onEvent: (e) => { if (e.type === "step" && e.step === options.abortAt) controller.abort(); },
  });
  return dir;
}

/** The step with the best meanX of node "mean" in metrics.jsonl, by mode. */
function expectedBest(metricsFile: string, mode: "min" | "max"): { step: number; score: number } {
  const rows = readJsonl<{ node: string; step: number; values: { meanX: number } }>(metricsFile).filter((r) => r.node === "mean");
  const pick = rows.reduce((a, b) => ((mode === "min" ? b.values.meanX < a.values.meanX : b.values.meanX > a.values.meanX) ? b : a));
  return { step: pick.step, score: pick.values.meanX };
}

describe("sinks.checkpoint.keepBest", () => {
  beforeAll(async () => {
    await import("@tensorflow/tfjs-backend-cpu");
    await tf.setBackend("cpu");
  });

  it.each(["min", "max"] as const)("keeps the one checkpoint with the %s value, with best.json, and leaks nothing", async (mode) => {
    const before = tf.memory().numTensors;
    const dir = await run(spec(`{ metric: mean, value: meanX, mode: ${mode} }`));
    const want = expectedBest(dir.metricsFile, mode);
    const best = readBest(dir.path)!;
    expect(best).toMatchObject({ step: want.step, metric: "mean", value: "meanX", mode, score: want.score });
    expect(readdirSync(bestDir(dir.path)).filter((n) => n.startsWith("step-"))).toEqual([`step-${String(want.step).padStart(6, "0")}`]);
    const { state, meta } = readCheckpoint(best.path);
    expect(meta.step).toBe(want.step);
    expect((state.json as unknown as { step: number }).step).toBe(want.step);
    tf.dispose(Object.values(state.tensors));
    expect(tf.memory().numTensors).toBe(before);
  });

  it("the rolling checkpoints are pruned as before; the best one is not among them", async () => {
    const dir = await run(spec("{ metric: mean, value: meanX, mode: max }"));
    expect(readdirSync(dir.checkpointsDir).filter((n) => n.startsWith("step-"))).toEqual(["step-000009", "step-000010"]);
    expect(readBest(dir.path)!.step).toBe(expectedBest(dir.metricsFile, "max").step);
  });

  it("survives an interrupted run and its resume: the best is over the whole run", async () => {
    const text = spec("{ metric: mean, value: meanX, mode: min }", 12);
    const dir = await run(text, { abortAt: 5 });
    await run(text, { resumeIn: dir });
    const want = expectedBest(dir.metricsFile, "min");
    expect(readBest(dir.path)).toMatchObject({ step: want.step, score: want.score });
  });

  it("a metric with several values needs `value`: the error names the field and the values", async () => {
    let err: unknown;
    try { await run(spec("{ metric: mean, mode: min }")); } catch (e) { err = e; }
    expect(err).toMatchObject({ code: "SPEC_KEEP_BEST_VALUE" });
    expect((err as Error).message).toContain("meanX, meanY");
    expect((err as Error).message).toContain("sinks.checkpoint.keepBest.value");
  });

  it("validation refuses a keepBest.metric that is not a metric node, naming the metric nodes", () => {
    for (const [metric, says] of [["nope", "not a node"], ["train", "is a method"]]) {
      const loaded = parseSpecText(spec(`{ metric: ${metric}, mode: min }`), "spec.yaml");
      const e = gantryErrorOf(() => validateSpec(loaded, registry));
      expect(e.code).toBe("SPEC_KEEP_BEST_METRIC");
      expect(e.message).toContain(says);
      expect(e.hint).toContain("mean, final");
    }
  });
});
