// The guard inside executePipeline, on a method with a closed form: gradient descent on f(w) = ½‖w‖²
// with SGD, w ← (1 − lr)·w, which converges for 0 < lr < 2 and doubles |w| each step at lr = 3, so
// the step it overflows float32 (max ≈ 2¹²⁸) is known: the loss, ½ of a float32 sum ‖w‖² = 2|w|² of w
// before the step's update, once |w| = 2⁶⁴, in step 65; w itself at 2¹²⁸, in step 128.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  coreOptimizersPlugin, createRegistry, definePlugin, entry, isGantryError, tf, z,
  type GantryError, type GantryEvent, type Method, type Optimizer, type Params, type Sampler, type StepStats,
} from "@gantry/core";
import { beforeAll, describe, expect, it } from "vitest";
import { listCheckpoints, readCheckpoint } from "./checkpoint.js";
import { executePipeline, type RunResult } from "./executor.js";
import { parseSpecText } from "./load-spec.js";
import { createRunDirectory, readJsonl, type RunDirectory } from "./run-directory.js";
import { fakeTrainingPlugin } from "./test-support/fake-training.js";
import { validateSpec } from "./validate-spec.js";

/** Gradient descent on ½‖w‖² from w = [1, −1]; stats: the loss in float32 (or none, to hide a blow-up). */
function quadratic(p: { steps: number; report: "loss" | "nothing" }, optimizer: Optimizer): Method {
  let w: tf.Tensor = tf.tensor1d([1, -1]);
  let opt: Params = optimizer.init({ w });
  let step = 0;
  const sample = (n: number): tf.Tensor => tf.tidy(() => tf.tile(tf.reshape(w, [1, 2]), [n, 1]));
  const replace = (next: { w: tf.Tensor; opt: Params }): void => {
    tf.dispose([w, ...Object.values(opt)]);
    ({ w, opt } = next);
  };
  return {
    totalSteps: p.steps,
    get stepCount() { return step; },
    async step(): Promise<StepStats> {
      const loss = tf.tidy(() => tf.mul(tf.sum(tf.square(w)), 0.5));
      const next = tf.tidy(() => {
        const { updates, state } = optimizer.update({ w }, opt, { w }, step);
        return { w: tf.add(w, updates.w), opt: state };
      });
      replace(next);
      step++;
      const value = (await loss.data())[0];
      loss.dispose();
      return p.report === "loss" ? { loss: value } : { constant: 1 };
    },
    sample,
    sampler: (): Sampler => ({ sampleShape: [2], sample }),
    trained: () => undefined,
    exportState: () => ({ tensors: { "train/w": tf.clone(w), ...Object.fromEntries(Object.entries(opt).map(([k, t]) => [`opt/${k}`, tf.clone(t)])) }, json: { step } }),
    importState(state) {
      const opts = Object.fromEntries(Object.entries(state.tensors).filter(([k]) => k.startsWith("opt/")).map(([k, t]) => [k.slice(4), tf.clone(t)]));
      replace({ w: tf.clone(state.tensors["train/w"]), opt: opts });
      step = (state.json as { step: number }).step;
    },
    dispose: () => tf.dispose([w, ...Object.values(opt)]),
  };
}

const quadraticPlugin = definePlugin({
  name: "quadratic", version: "1.0.0",
  provides: [entry({
    kind: "method", name: "quadratic", inputs: { optimizer: "optimizer" },
    params: z.object({ steps: z.number().int().positive(), report: z.enum(["loss", "nothing"]).default("loss"), seed: z.number().int().default(0) }).strict(),
    create: (p, inputs) => quadratic(p, inputs.optimizer as Optimizer),
  })],
});

const registry = createRegistry().use(coreOptimizersPlugin).use(fakeTrainingPlugin).use(quadraticPlugin);

const spec = (o: { lr: string; steps?: number; report?: string; checkpointEvery?: number; guard?: string }): string => `name: quadratic
seed: 1
backend: [cpu]
nodes:
  train:
    use: method/quadratic
    with: { optimizer: { use: optimizer/sgd, params: { lr: ${o.lr} } } }
    params: { steps: ${o.steps ?? 200}, report: ${o.report ?? "loss"} }
sinks: { checkpoint: { every: ${o.checkpointEvery ?? 10}, keep: 2 }, log: { every: 5 } }
${o.guard ? `guard: ${o.guard}\n` : ""}`;

interface Outcome {
  readonly dir: RunDirectory;
  readonly result?: RunResult;
  readonly error?: GantryError;
  readonly events: GantryEvent[];
  readonly logs: string[];
}

async function run(text: string, options: { dir?: RunDirectory; resume?: boolean; abortAt?: number } = {}): Promise<Outcome> {
  const loaded = parseSpecText(text, "spec.yaml");
  const dir = options.dir ?? createRunDirectory(mkdtempSync(join(tmpdir(), "gantry-guard-")), "quadratic", loaded.text);
  const events: GantryEvent[] = [];
  const logs: string[] = [];
  const controller = new AbortController();
  try {
    const result = await executePipeline({
      dir, registry, loaded, graph: validateSpec(loaded, registry), resume: options.resume, signal: controller.signal, log: (m) => logs.push(m),
      onEvent: (e) => { events.push(e); if (e.type === "step" && e.step === options.abortAt) controller.abort(); },
    });
    return { dir, result, events, logs };
  } catch (e) {
    if (!isGantryError(e)) throw e;
    return { dir, error: e, events, logs };
  }
}

const weights = (path: string): number[] => {
  const { state } = readCheckpoint(path);
  const w = Array.from(state.tensors["train/w"].dataSync());
  tf.dispose(Object.values(state.tensors));
  return w;
};
const lastWeights = (dir: RunDirectory): number[] => weights(listCheckpoints(dir.checkpointsDir).at(-1)!.path);
const logged = (dir: RunDirectory) => readJsonl<{ type: string; step: number; reason?: string; details?: Record<string, unknown> }>(dir.eventsFile);

describe("the numerical guard in executePipeline", () => {
  beforeAll(async () => {
    await import("@tensorflow/tfjs-backend-cpu");
    await tf.setBackend("cpu");
  });

  it("stops at the first non-finite statistic, names node, step and quantity, and writes no checkpoint after it", async () => {
    const before = tf.memory().numTensors;
    const { dir, error, events } = await run(spec({ lr: "3" }));
    expect(error?.code).toBe("RUN_NOT_FINITE");
    expect(error!.message).toMatch(/^spec\.yaml:\d+: loss = Infinity at step 65 in node "train"\n {2}hint: lower the learning rate/);
    expect(error!.hint).toContain("the checkpoint of step 60 is intact");
    expect(error!.hint).toContain("guard: { onNonFinite: rollback }");
    expect(listCheckpoints(dir.checkpointsDir).map((c) => c.step)).toEqual([50, 60]);
    expect(lastWeights(dir).map(Math.abs)).toEqual([2 ** 60, 2 ** 60]);
    const end = logged(dir).at(-1)!;
    expect(end).toMatchObject({ type: "end", step: 65, reason: "diverged", details: { quantity: "loss", rollbacks: 0 } });
    // The step that blew up is logged although log.every is 5; JSON has no Infinity, so it reads as null.
    expect(logged(dir).filter((e) => e.type === "step").at(-1)).toMatchObject({ step: 65, stats: { loss: null } });
    expect(events.at(-1)).toMatchObject({ type: "end", reason: "diverged" });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("finds a non-finite parameter the statistics do not show, before the checkpoint that would hold it", async () => {
    const { dir, error } = await run(spec({ lr: "3", report: "nothing" }));
    expect(error?.code).toBe("RUN_NOT_FINITE");
    expect(error!.message).toMatch(/parameter train\/w has 2 non-finite values \(of 2\) at step 130 in node "train"/);
    expect(listCheckpoints(dir.checkpointsDir).map((c) => c.step)).toEqual([110, 120]);
    expect(lastWeights(dir).every(Number.isFinite)).toBe(true);
  });

  it("checks parameters after every step with checkParams: step", async () => {
    const { error } = await run(spec({ lr: "3", report: "nothing", guard: "{ checkParams: step }" }));
    expect(error!.message).toMatch(/parameter train\/w has 2 non-finite values \(of 2\) at step 128 in node "train"/);
  });

  it("checks parameters at the end of a run that has no checkpoint due there", async () => {
    const { dir, error } = await run(spec({ lr: "3", report: "nothing", steps: 129, checkpointEvery: 100 }));
    expect(error!.message).toMatch(/at step 129 in node "train"/);
    expect(listCheckpoints(dir.checkpointsDir).map((c) => c.step)).toEqual([100]);
  });

  it("rolls back to the last checkpoint with the learning rate halved, and completes", async () => {
    const before = tf.memory().numTensors;
    const { dir, result, logs } = await run(spec({ lr: "3", guard: "{ onNonFinite: rollback }" }));
    expect(result).toMatchObject({ reason: "completed", step: 200, rollbacks: 1 });
    // From |w| = 2⁶⁰ at step 60, lr 1.5 halves |w| for 140 steps.
    expect(lastWeights(dir).map(Math.abs)).toEqual([2 ** -80, 2 ** -80]);
    expect(logs.join("\n")).toMatch(/loss = Infinity at step 65 in node "train"; rolling back to the checkpoint of step 60 with learning rates × 0.5 \(rollback 1 of 3\)/);
    const events = logged(dir);
    expect(events.filter((e) => e.type === "rollback")).toEqual([expect.objectContaining({ step: 60, from: 65, quantity: "loss", lrScale: 0.5, attempt: 1 })]);
    expect(events.filter((e) => e.type === "step").map((e) => e.step)).toEqual(Array.from({ length: 40 }, (_, i) => (i + 1) * 5));
    expect(events.at(-1)).toMatchObject({ type: "end", reason: "completed", details: { rollbacks: 1, lrScale: 0.5 } });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("rolls back to the initial state when no checkpoint exists yet", async () => {
    const { dir, result } = await run(spec({ lr: "{ constant: 3 }", checkpointEvery: 1000, guard: "{ onNonFinite: rollback, lrScale: 0.25 }" }));
    expect(result).toMatchObject({ reason: "completed", rollbacks: 1 });
    // lr 0.75 from w = [1, −1]: w = ±0.25²⁰⁰, below float32's smallest subnormal.
    expect(lastWeights(dir).map(Math.abs)).toEqual([0, 0]);
    expect(logged(dir).filter((e) => e.type === "rollback")).toEqual([expect.objectContaining({ step: 0, from: 65, lrScale: 0.25 })]);
  });

  it("stops after maxRollbacks with the learning-rate factor it reached", async () => {
    const { dir, error, logs } = await run(spec({ lr: "12", guard: "{ onNonFinite: rollback, maxRollbacks: 2 }" }));
    expect(error?.code).toBe("RUN_NOT_FINITE");
    expect(error!.message).toMatch(/loss = Infinity at step 27 in node "train" after 2 rollbacks \(learning rates × 0.25\)/);
    expect(error!.hint).toContain("2 rollbacks did not help");
    expect(logs.filter((l) => l.includes("rolling back"))).toHaveLength(2);
    // lr 12: |w| = 11ᵗ, ‖w‖² overflows in step 20 → back to 10; lr 6 (|w| × 5 a step) in step 24 → back to 20; lr 3 in step 27.
    expect(logged(dir).filter((e) => e.type === "rollback").map((e) => [e.step, (e as { from?: number }).from])).toEqual([[10, 20], [20, 24]]);
    expect(logged(dir).at(-1)).toMatchObject({ type: "end", reason: "diverged", details: { rollbacks: 2 } });
  });

  it("a resumed run keeps the learning rates its rollbacks lowered", async () => {
    const text = spec({ lr: "3", guard: "{ onNonFinite: rollback }" });
    const full = await run(text);
    const partial = await run(text, { abortAt: 100 });
    expect(partial.result).toMatchObject({ reason: "interrupted", step: 100, rollbacks: 1 });
    const resumed = await run(text, { dir: partial.dir, resume: true });
    expect(resumed.result).toMatchObject({ reason: "completed", rollbacks: 1 });
    expect(resumed.logs.join("\n")).toMatch(/1 rollback\(s\) earlier in this run: learning rates × 0.5/);
    expect(lastWeights(partial.dir)).toEqual(lastWeights(full.dir));
  });
});
