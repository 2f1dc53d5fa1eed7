// AdaGAN end to end on a small fixed ring: rounds, mixture weights, data reweighting, named samplers,
// exact resume mid-round and at a round's end, leak-free disposal, the mixture's sampling proportions
// and the errors at construction.
import { GantryError, Rng, adam, tf, type Method, type Sampler } from "@gantry/core";
import { grid, ring } from "@gantry/data";
import { nonSaturating } from "@gantry/losses";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { mlp } from "../networks/mlp.js";
import { adagan, type AdaganTrainer } from "./adagan.js";
import { adaganEntry } from "./adagan-entry.js";
import { drawComponents, sampleComponents } from "./adagan-mixture.js";
import type { AdaganRound } from "./adagan-schema.js";
import { alternating } from "./alternating.js";

const G = () => mlp({ input: 4, hidden: [16], output: 2 });
const D = () => mlp({ input: 2, hidden: [16], output: 1, activation: "leakyRelu" });
const base = (r: AdaganRound): Method => alternating({
  data: r.data, seed: r.seed, steps: r.steps, batchSize: 32, generator: G(), discriminator: D(), loss: nonSaturating(),
  gOptimizer: adam({ lr: 1e-3, betas: [0.5, 0.999] }), dOptimizer: adam({ lr: 1e-3, betas: [0.5, 0.999] }),
});
const make = (o: { rounds?: number; beta?: "paper" | number } = {}): AdaganTrainer => adagan({
  data: ring({ size: 256, std: 0.02 }), base, classifier: D(), rounds: o.rounds ?? 3, stepsPerRound: 4,
  beta: o.beta ?? "paper", classifierSteps: 5, classifierBatchSize: 32, seed: 7,
});

async function run(t: Method, steps: number): Promise<Record<string, number>[]> {
  const out = [];
  for (let i = 0; i < steps; i++) out.push({ ...(await t.step()) });
  return out;
}

async function samples(t: Method, seed = 3): Promise<number[]> {
  const x = t.sample(64, seed);
  const v = Array.from(await x.data());
  x.dispose();
  return v;
}

describeBackends("adagan", () => {
  it("trains T rounds: each step is one of the round in progress; round ends log mixture weights and the reweighting", async () => {
    await expectNoTensorLeak(async () => {
      const t = make();
      expect(t.totalSteps).toBe(12);
      expect(t.samplerNames).toEqual(["current", "round.1", "round.2", "round.3"]);
      const stats = await run(t, 12);
      expect(stats.map((s) => s.round)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
      expect(stats[3]["alpha/1"]).toBe(1);
      // β_t = 1/t: every round's generator ends with the same weight.
      expect([stats[7]["alpha/1"], stats[7]["alpha/2"]]).toEqual([0.5, 0.5]);
      for (const a of [stats[11]["alpha/1"], stats[11]["alpha/2"], stats[11]["alpha/3"]]) expect(a).toBeCloseTo(1 / 3, 12);
      expect(stats[3].nextBeta).toBe(0.5);
      expect(stats[3].classifierAccuracy).toBeGreaterThanOrEqual(0);
      expect(stats[3].dataWeightEntropy).toBeLessThanOrEqual(Math.log(256) + 1e-9);
      expect(stats[3].zeroWeightShare).toBeGreaterThanOrEqual(0);
      expect(stats[11].nextBeta).toBeUndefined();
      expect(stats[0].dLoss).toBeTypeOf("number");
      expect(t.stepCount).toBe(12);
      expect(t.round).toBe(4);
      expect(t.alphas).toHaveLength(3);
      await expect(t.step()).rejects.toThrow(expect.objectContaining({ code: "METHOD_FINISHED" }));
      expect((await samples(t)).every(Number.isFinite)).toBe(true);
      const x = t.sampler("round.2").sample(5, 1);
      expect(x.shape).toEqual([5, 2]);
      x.dispose();
      expect(() => t.sampler("current").sample(5, 1)).toThrow(expect.objectContaining({ code: "METHOD_SAMPLER_NOT_READY" }));
      expect(() => t.sampler("round.9")).toThrow(expect.objectContaining({ code: "METHOD_UNKNOWN_SAMPLER" }));
      expect(t.trained("round.1/generator")?.network.outputShape).toEqual([2]);
      t.dispose();
    });
  });

  it("reweights the data in round 2: weights sum to 1, and the trainer's view of the data draws by them", async () => {
    const t = make({ rounds: 2, beta: 0.3 });
    await run(t, 4);
    const w = t.dataWeights as Float32Array;
    expect(w).toHaveLength(256);
    expect(Math.abs(w.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-5);
    expect(w.every((v) => v >= 0)).toBe(true);
    expect(t.alphas).toEqual([1]);
    await run(t, 4);
    expect(t.alphas.map((a) => +a.toFixed(12))).toEqual([0.7, 0.3]);
    t.dispose();
  });

  it("resumes bit-exactly mid-round and from a round's last step, across a reweighting", async () => {
    const whole = make();
    const stats = await run(whole, 12);
    const expected = await samples(whole);
    whole.dispose();
    for (const at of [3, 4, 6]) {
      await expectNoTensorLeak(async () => {
        const first = make();
        await run(first, at);
        const state = first.exportState();
        first.dispose();
        const second = make();
        second.importState({ tensors: state.tensors, json: JSON.parse(JSON.stringify(state.json)) });
        tf.dispose(Object.values(state.tensors));
        expect(second.stepCount).toBe(at);
        const rest = await run(second, 12 - at);
        expect(rest).toEqual(stats.slice(at));
        expect(await samples(second)).toEqual(expected);
        second.dispose();
      });
    }
  });

  it("refuses an unbounded dataset, a classifier of the wrong shape, and a state of another layout", async () => {
    const o = { base, classifier: D(), stepsPerRound: 4 };
    expect(() => adagan({ ...o, data: ring() })).toThrow(expect.objectContaining({ code: "METHOD_DATA_NOT_REWEIGHTABLE" }));
    let err: unknown;
    try { adagan({ ...o, data: grid({ size: 100 }), classifier: mlp({ input: 2, hidden: [4], output: 3 }) }); } catch (e) { err = e; }
    expect((err as GantryError).code).toBe("METHOD_CLASSIFIER_SHAPE");
    expect((err as GantryError).where?.field).toBe("with.classifier");
    const t = make();
    const state = t.exportState();
    const other = make({ rounds: 4 });
    expect(() => other.importState(state)).toThrow(expect.objectContaining({ code: "METHOD_STATE_MISMATCH" }));
    tf.dispose(Object.values(state.tensors));
    t.dispose();
    other.dispose();
  });

  it("is the plugin's method/adagan: alternating rounds from the bound ports, the discriminator's architecture as default classifier", async () => {
    const p = adaganEntry.params!.parse({ rounds: 2, stepsPerRound: 2, classifierSteps: 2, base: { batchSize: 16 } });
    const t = adaganEntry.create(p as never, { data: grid({ size: 64 }), generator: G(), discriminator: D(), loss: nonSaturating() } as never, {}) as AdaganTrainer;
    await run(t, 4);
    expect(t.alphas).toEqual([0.5, 0.5]);
    t.dispose();
  });
});

describe("adagan mixture sampling", () => {
  /** A component whose every sample is its own index. */
  const constant = (i: number): Sampler => ({ sampleShape: [1], sample: (n) => tf.fill([n, 1], i) });

  it("draws each component with probability αᵢ (within 3 standard errors), the same seed giving the same rows", async () => {
    const alphas = [0.5, 0.3, 0.15, 0.05];
    const n = 20000;
    const x = sampleComponents(alphas.map((_, i) => constant(i)), alphas, n, 42);
    const v = await x.data();
    x.dispose();
    const counts = alphas.map((_, i) => v.filter((c) => c === i).length);
    alphas.forEach((a, i) => expect(Math.abs(counts[i] / n - a)).toBeLessThan(3 * Math.sqrt((a * (1 - a)) / n)));
    // Rows are in draw order: row j comes from the component drawn j-th.
    expect(Array.from(v.slice(0, 50))).toEqual(Array.from(drawComponents(Rng.seeded(42).split("components"), 50, alphas)));
    const again = sampleComponents(alphas.map((_, i) => constant(i)), alphas, n, 42);
    expect(Array.from(await again.data())).toEqual(Array.from(v));
    again.dispose();
  });
});
