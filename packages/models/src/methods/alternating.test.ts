import {
  GantryError, Rng, adam, applyUpdates, globalNorm, isGantryError, sgd, subParams, tf, disposeParams,
  type Lookahead, type Network, type Params, type Regularizer,
} from "@gantry/core";
import { nonSaturating, wasserstein } from "@gantry/losses";
import { describeBackends, expectNoTensorGrowth, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import { mlp } from "../networks/mlp.js";
import { alternating } from "./alternating.js";
import type { AlternatingOptions } from "./alternating-schema.js";
import { ringDataset } from "./ring.testkit.js";

const small = (extra: Partial<AlternatingOptions> = {}): AlternatingOptions => ({
  data: ringDataset(), batchSize: 16, seed: 3,
  generator: mlp({ input: 4, hidden: [8], output: 2 }),
  discriminator: mlp({ input: 2, hidden: [8], output: 1 }),
  loss: nonSaturating(),
  ...extra,
});

/** Instance noise (Sønderby et al. 2016) as a test regularizer: it draws from its own Rng stream. */
const instanceNoise: Regularizer = {
  name: "instance-noise",
  transformInput: (x, ctx) => tf.tidy(() => tf.add(x, ctx.rng.normal(x.shape, 0, 0.1))),
};

function arrays(p: Params): Record<string, number[]> {
  return Object.fromEntries(Object.keys(p).sort().map((k) => [k, Array.from(p[k].dataSync())]));
}

function norm(a: Params, b: Params): number {
  return tf.tidy(() => {
    const d = subParams(a, b);
    return globalNorm(d).dataSync()[0];
  });
}

describeBackends("alternating", () => {
  it("reports diagnostics for probability losses", async () => {
    const trainer = alternating(small({ diagnostics: { perLayer: true } }));
    const stats = await trainer.step();
    for (const k of ["dLoss", "gLoss", "dReal", "dFake", "dAccuracy", "gradNormD", "gradNormG", "gradNormD/dense0/kernel", "gradNormG/dense1/bias"]) {
      expect(Number.isFinite(stats[k]), k).toBe(true);
    }
    expect(stats.dReal).toBeGreaterThan(0);
    expect(stats.dReal).toBeLessThan(1);
    expect(stats.dAccuracy).toBeGreaterThanOrEqual(0);
    expect(stats.dAccuracy).toBeLessThanOrEqual(1);
    expect(trainer.stepCount).toBe(1);
    trainer.dispose();
  });

  it("reports critic values and their gap for critic losses", async () => {
    const trainer = alternating(small({ loss: wasserstein(), dSteps: 2 }));
    const stats = await trainer.step();
    expect(Object.keys(stats)).toEqual(expect.arrayContaining(["criticReal", "criticFake", "criticGap", "gradNormD", "gradNormG"]));
    expect(stats.dAccuracy).toBeUndefined();
    expect(stats.criticGap).toBeCloseTo(stats.criticReal - stats.criticFake, 5);
    trainer.dispose();
  });

  it("gradient norms are the norms of the applied gradients (SGD: ‖Δθ‖ = lr·‖∇θ‖)", async () => {
    // Float32 updates of O(1e-2) on weights of O(1): differences keep ~5 digits, hence 1e-3 relative.
    const trainer = alternating(small({ gOptimizer: sgd({ lr: 0.1 }), dOptimizer: sgd({ lr: 0.1 }) }));
    const dBefore = Object.fromEntries(Object.entries(trainer.trained("discriminator")!.params).map(([k, t]) => [k, tf.clone(t)]));
    const gBefore = Object.fromEntries(Object.entries(trainer.trained("generator")!.params).map(([k, t]) => [k, tf.clone(t)]));
    const stats = await trainer.step();
    expect(norm(trainer.trained("discriminator")!.params, dBefore) / 0.1).toBeCloseTo(stats.gradNormD, 3);
    expect(norm(trainer.trained("generator")!.params, gBefore) / 0.1 / stats.gradNormG).toBeCloseTo(1, 3);
    disposeParams(dBefore, gBefore);
    trainer.dispose();
  });

  it("does not grow the tensor count over steps, and frees everything on dispose", async () => {
    await expectNoTensorLeak(async () => {
      const trainer = alternating(small({ dSteps: 2, ema: { decay: 0.9 }, regularizers: [instanceNoise], diagnostics: { perLayer: true } }));
      await expectNoTensorGrowth(() => trainer.step(), 4, "alternating.step");
      const x = trainer.sample(5, 1);
      const s = trainer.exportState();
      trainer.importState(s);
      disposeParams(s.tensors);
      x.dispose();
      trainer.dispose();
    });
  });

  it("resumes exactly: 3 steps, export, import into a new trainer, 3 steps = 6 steps", async () => {
    const opts = () => small({ dSteps: 2, ema: { decay: 0.9 }, regularizers: [instanceNoise] });
    const straight = alternating(opts());
    for (let i = 0; i < 6; i++) await straight.step();
    const first = alternating(opts());
    for (let i = 0; i < 3; i++) await first.step();
    const saved = first.exportState();
    first.dispose();
    const resumed = alternating({ ...opts(), seed: 99 }); // a different seed: everything must come from the state
    resumed.importState(saved);
    disposeParams(saved.tensors);
    expect(resumed.stepCount).toBe(3);
    for (let i = 0; i < 3; i++) await resumed.step();
    const a = straight.exportState();
    const b = resumed.exportState();
    expect(Object.keys(b.tensors).sort()).toEqual(Object.keys(a.tensors).sort());
    expect(Object.keys(a.tensors)).toEqual(expect.arrayContaining(["generator/params/dense0/kernel", "discriminator/params/dense1/bias", "ema/dense0/kernel"]));
    expect(Object.keys(a.tensors).some((k) => k.startsWith("dOpt/"))).toBe(true);
    expect(arrays(b.tensors)).toEqual(arrays(a.tensors));
    expect(b.json).toEqual(a.json);
    disposeParams(a.tensors, b.tensors);
    straight.dispose();
    resumed.dispose();
  });

  it("samples deterministically by seed, with EMA weights when enabled", async () => {
    const trainer = alternating(small({ ema: { decay: 0.5 } }));
    await trainer.step();
    const [a, b, c] = [trainer.sample(6, 1), trainer.sample(6, 1), trainer.sample(6, 2)];
    expect(a.shape).toEqual([6, 2]);
    expect(a.arraySync()).toEqual(b.arraySync());
    expect(a.arraySync()).not.toEqual(c.arraySync());
    const ema = trainer.trained("generator")!;
    const online = trainer.trained("generator/online")!;
    expect(ema.params).not.toBe(online.params);
    const z = Rng.seeded(1).normal([6, 4]);
    const manual = ema.network.apply(ema.params, ema.state, z, { training: false }).y;
    expect(manual.arraySync()).toEqual(a.arraySync());
    const sampler = trainer.sampler();
    expect(sampler.sampleShape).toEqual([2]);
    tf.dispose([a, b, c, z, manual]);
    trainer.dispose();
  });

  it("runs every regularizer hook at its point", async () => {
    const calls = { transform: 0, penalty: 0, post: 0, wrap: 0, apply: 0 };
    const spy: Regularizer = {
      name: "spy",
      transformInput: (x) => { calls.transform++; return tf.clone(x); },
      // Penalty through the closure, so it must change D's update: λ·E D(real)².
      penalty: (ctx) => { calls.penalty++; return tf.tidy(() => tf.mul(10, tf.mean(tf.square(ctx.discriminator(ctx.real)))) as tf.Scalar); },
      postUpdate: (p) => { calls.post++; return Object.fromEntries(Object.entries(p).map(([k, t]) => [k, tf.clone(t)])); },
      wrapNetwork: (net) => { calls.wrap++; return { ...net, apply: (...args) => { calls.apply++; return net.apply(...args); } }; },
    };
    const withSpy = alternating(small({ regularizers: [spy], dSteps: 3 }));
    expect(calls.wrap).toBe(1);
    const stats = await withSpy.step();
    // D steps: real + fake transformed, 2 D calls + 1 penalty call; G step: fake transformed, 1 D call.
    expect(calls).toEqual({ transform: 3 * 2 + 1, penalty: 3, post: 3, wrap: 1, apply: 3 * 3 + 1 });
    expect(stats["penalty/spy"]).toBeGreaterThan(0);
    const plain = alternating(small({ regularizers: [instanceNoise], dSteps: 3 }));
    await plain.step();
    expect(norm(withSpy.trained("discriminator")!.params, plain.trained("discriminator")!.params)).toBeGreaterThan(1e-3);
    withSpy.dispose();
    plain.dispose();
  });

  it("uses the look-ahead's D params in the G step, with gradients reaching G", async () => {
    let unrolls = 0;
    const oneStep: Lookahead = {
      steps: 1,
      freshBatches: 0,
      unroll: ({ dParams, dState, dOptState, dOptimizer, dLoss, step }) => {
        unrolls++;
        expect(step).toBe(0);
        const names = Object.keys(dParams);
        const grads = tf.grads((...ps: tf.Tensor[]) => dLoss(Object.fromEntries(names.map((n, i) => [n, ps[i]])), dState, 0).loss)(names.map((n) => dParams[n]));
        const { updates } = dOptimizer.update(Object.fromEntries(names.map((n, i) => [n, grads[i]])), dOptState, dParams, step);
        return { params: applyUpdates(dParams, updates), state: dState };
      },
    };
    // With SGD as D's optimizer the look-ahead is differentiable; it must change G's gradient.
    const opts = (lookahead?: Lookahead) => small({ dOptimizer: sgd({ lr: 1 }), ...(lookahead ? { lookahead } : {}) });
    const [a, b] = [alternating(opts(oneStep)), alternating(opts())];
    const [sa, sb] = [await a.step(), await b.step()];
    expect(unrolls).toBe(1);
    expect(sa.dLoss).toBeCloseTo(sb.dLoss, 5);
    expect(Math.abs(sa.gradNormG - sb.gradNormG)).toBeGreaterThan(1e-4);
    a.dispose();
    b.dispose();
  });

  it("gives the look-ahead D's network state, threaded through real then fake passes", async () => {
    // A stateful D (as batch norm is): its state counts the passes it has made.
    const base = mlp({ input: 2, hidden: [8], output: 1 });
    const counting: Network = {
      ...base,
      init: (rng) => ({ params: base.init(rng).params, state: { passes: tf.scalar(0) } }),
      apply: (p, state, x, ctx) => ({ y: base.apply(p, {}, x, ctx).y, state: { passes: tf.add(state.passes, 1) } }),
    };
    const seen: number[] = [];
    const spy: Lookahead = {
      steps: 1,
      freshBatches: 0,
      unroll: ({ dParams, dState, dLoss }) => tf.tidy(() => {
        const out = dLoss(dParams, dState, 0);
        seen.push(dState.passes.dataSync()[0], out.state.passes.dataSync()[0]);
        return { params: Object.fromEntries(Object.entries(dParams).map(([k, t]) => [k, tf.clone(t)])), state: out.state };
      }),
    };
    const trainer = alternating(small({ discriminator: counting, lookahead: spy }));
    await trainer.step();
    // The D step made 2 passes from the initial state 0; the look-ahead starts there and adds 2.
    expect(seen).toEqual([2, 4]);
    trainer.dispose();
  });

  it("draws the look-ahead's fresh batches after the D steps, each with its own real data and latents", async () => {
    const losses: number[][] = [];
    const fresh = (n: number): Lookahead => ({
      steps: n,
      freshBatches: n,
      unroll: ({ dParams, dState, dLoss }) => tf.tidy(() => {
        losses.push(Array.from({ length: n + 1 }, (_, b) => dLoss(dParams, dState, b).loss.dataSync()[0]));
        expect(() => dLoss(dParams, dState, n + 1)).toThrow(expect.objectContaining({ code: "LOOKAHEAD_BATCH" }));
        return { params: Object.fromEntries(Object.entries(dParams).map(([k, t]) => [k, tf.clone(t)])), state: dState };
      }),
    });
    await expectNoTensorLeak(async () => {
      const trainer = alternating(small({ dSteps: 2, lookahead: fresh(2) }));
      const plain = alternating(small({ dSteps: 2 }));
      await trainer.step();
      await plain.step();
      const [a, b] = [trainer.exportState(), plain.exportState()];
      // 2 D batches + 2 fresh ones, against 2: the stream (and so resume) accounts for them.
      expect((a.json as { data: { index: number } }).data.index).toBe((b.json as { data: { index: number } }).data.index + 2);
      disposeParams(a.tensors, b.tensors);
      trainer.dispose();
      plain.dispose();
    });
    expect(losses).toHaveLength(1);
    expect(new Set(losses[0]).size).toBe(3);
    for (const l of losses[0]) expect(Number.isFinite(l)).toBe(true);
  });

  it("conditional: real labels for D on real data, random labels for fakes", async () => {
    const trainer = alternating(small({
      data: ringDataset({ numClasses: true }),
      generator: mlp({ input: 4, hidden: [8], output: 2, numClasses: 8 }),
      discriminator: mlp({ input: 2, hidden: [8], output: 1, numClasses: 8 }),
    }));
    const stats = await trainer.step();
    expect(Number.isFinite(stats.dLoss)).toBe(true);
    const labels = tf.tensor1d([0, 1, 2], "int32");
    const x = trainer.sample(3, 1, labels);
    expect(x.shape).toEqual([3, 2]);
    tf.dispose([x, labels]);
    trainer.dispose();
    const unlabelled = alternating(small({ discriminator: mlp({ input: 2, hidden: [8], output: 1, numClasses: 8 }) }));
    await expect(unlabelled.step()).rejects.toSatisfy((e) => isGantryError(e, "METHOD_MISSING_LABELS"));
    unlabelled.dispose();
  });

  it("says what is wrong with bad options and foreign states", async () => {
    expect(() => alternating(small({ latent: { dim: 5 } }))).toThrow(GantryError);
    expect(() => alternating(small({ dSteps: 0 }))).toThrow(/params.dSteps/);
    const a = alternating(small());
    const b = alternating(small({ generator: mlp({ input: 4, hidden: [9], output: 2 }) }));
    const s = a.exportState();
    expect(() => b.importState(s)).toThrow(expect.objectContaining({ code: "METHOD_STATE_MISMATCH" }));
    disposeParams(s.tensors);
    a.dispose();
    b.dispose();
  });

  it("uses Adam(2e-4, β = (0.5, 0.999)) by default", async () => {
    const def = alternating(small());
    const explicit = alternating(small({ gOptimizer: adam({ lr: 2e-4, betas: [0.5, 0.999] }), dOptimizer: adam({ lr: 2e-4, betas: [0.5, 0.999] }) }));
    await def.step();
    await explicit.step();
    const [x, y] = [def.exportState(), explicit.exportState()];
    expect(arrays(x.tensors)).toEqual(arrays(y.tensors));
    disposeParams(x.tensors, y.tensors);
    def.dispose();
    explicit.dispose();
  });
});
