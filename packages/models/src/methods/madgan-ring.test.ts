// MAD-GAN training on the ring (wasm only: these run the trainer for several steps): finite diagnostics
// without tensor growth, bit-exact resume, no leaks, k = 1 reproducing `alternating` with the
// non-saturating loss, sharing kept through training, and penalties seeing D's "real" log-odds.
import { sgd, tf, type Network, type Regularizer } from "@gantry/core";
import { nonSaturating } from "@gantry/losses";
import { describeBackends, expectNoTensorGrowth, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import { mlp } from "../networks/mlp.js";
import { alternating } from "./alternating.js";
import { madgan } from "./madgan.js";
import type { MadganOptions } from "./madgan-schema.js";
import { ringDataset } from "./ring.testkit.js";

const G = () => mlp({ input: 4, hidden: [16, 16], output: 2 });
const D = (outputs: number) => mlp({ input: 2, hidden: [16], output: outputs, activation: "leakyRelu" });

function trainer(extra: Partial<MadganOptions> = {}) {
  const k = extra.generators ?? 3;
  return madgan({ data: ringDataset({ batchSize: 32 }), generator: G(), discriminator: D(k + 1), generators: k, seed: 4, ...extra });
}

async function read(params: Record<string, tf.Tensor>): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const k of Object.keys(params).sort()) out[k] = Array.from(await params[k].data());
  return out;
}

async function snapshot(t: ReturnType<typeof trainer>) {
  const s = t.exportState();
  const out = await read(s.tensors);
  tf.dispose(Object.values(s.tensors));
  return out;
}

describeBackends("madgan training", () => {
  it("3 steps: every diagnostic finite, no tensor growth, every tensor disposed", async () => {
    await expectNoTensorLeak(async () => {
      const t = trainer({ dSteps: 2, ema: { decay: 0.9 } });
      const all: Record<string, number>[] = [];
      await expectNoTensorGrowth(async () => { all.push(await t.step()); }, 3, "madgan step");
      expect(Object.keys(all[0]).sort()).toEqual(["dAccuracy", "dLoss", "gLoss", "gradNormD", "gradNormG", "realShare/0", "realShare/1", "realShare/2"]);
      for (const s of all) for (const [k, v] of Object.entries(s)) expect(Number.isFinite(v), `${k} = ${v}`).toBe(true);
      expect(t.stepCount).toBe(3);
      const x = t.sample(10, 1);
      expect(x.shape).toEqual([10, 2]);
      x.dispose();
      t.dispose();
      t.dispose();
      expect(() => t.sample(1, 1)).toThrow(expect.objectContaining({ code: "METHOD_DISPOSED" }));
    });
  });

  it("resumes bit for bit: export after 3 steps, import into a fresh trainer, 2 more steps equal", async () => {
    await expectNoTensorLeak(async () => {
      const a = trainer({ ema: { decay: 0.9 } });
      for (let i = 0; i < 3; i++) await a.step();
      const saved = a.exportState();
      expect(Object.keys(saved.tensors)).toEqual(expect.arrayContaining([
        "generator/params/trunk/dense0/kernel", "generator/params/head.2/dense2/bias", "generator/ema/head.0/dense2/kernel",
        "generator/opt/count", "discriminator/params/dense1/kernel",
      ]));
      const statsA = [await a.step(), await a.step()];
      const b = trainer({ ema: { decay: 0.9 }, seed: 99 });
      b.importState(saved);
      tf.dispose(Object.values(saved.tensors));
      const statsB = [await b.step(), await b.step()];
      expect(statsB).toEqual(statsA);
      expect(await snapshot(b)).toEqual(await snapshot(a));
      expect(b.stepCount).toBe(5);
      const sa = a.sample(16, 3);
      const sb = b.sample(16, 3);
      expect(Array.from(await sb.data())).toEqual(Array.from(await sa.data()));
      tf.dispose([sa, sb]);
      a.dispose();
      b.dispose();
    });
  });

  it("k = 1 is alternating with the non-saturating loss on D's logit φ = l₀ − l₁ (same streams, 3 steps)", async () => {
    // D with two outputs seen by alternating through its binary logit φ = l₀ − l₁: same params, same init.
    const two = D(2);
    const binary: Network = {
      inputShape: two.inputShape, outputShape: [1], init: two.init,
      apply: (p, s, x, ctx) => {
        const o = two.apply(p, s, x, ctx);
        return { y: tf.tidy(() => tf.sub(tf.slice(o.y, [0, 0], [-1, 1]), tf.slice(o.y, [0, 1], [-1, 1]))), state: o.state };
      },
    };
    const common = { data: ringDataset({ batchSize: 32 }), generator: G(), seed: 5, gOptimizer: sgd({ lr: 0.05 }), dOptimizer: sgd({ lr: 0.05 }) };
    const m = madgan({ ...common, discriminator: two, generators: 1 });
    const v = alternating({ ...common, discriminator: binary, loss: nonSaturating() });
    for (let i = 0; i < 3; i++) {
      const [sm, sv] = [await m.step(), await v.step()];
      // Same float32 math up to op order (logSumExp vs softplus): 1e-5 relative.
      expect(sm.dLoss).toBeCloseTo(sv.dLoss, 5);
      expect(sm.gLoss).toBeCloseTo(sv.gLoss, 5);
      expect(sm.gradNormD).toBeCloseTo(sv.gradNormD, 4);
      expect(sm.gradNormG).toBeCloseTo(sv.gradNormG, 4);
      // D's (k + 1)-way accuracy with k = 1 is the binary accuracy (argmax of (l₀, l₁) ⇔ φ > 0, up to ties).
      expect(sm.dAccuracy).toBeCloseTo(sv.dAccuracy, 5);
    }
    const [gm, gv] = [await read(m.trained("generator.0")!.params), await read(v.trained("generator")!.params)];
    for (const k of Object.keys(gv)) gv[k].forEach((x, j) => expect(gm[k][j]).toBeCloseTo(x, 4));
    const [dm, dv] = [await read(m.trained("discriminator")!.params), await read(v.trained("discriminator")!.params)];
    for (const k of Object.keys(dv)) dv[k].forEach((x, j) => expect(dm[k][j]).toBeCloseTo(x, 4));
    m.dispose();
    v.dispose();
  });

  it("shared layers stay one set of weights through training; heads differ and all of them train", async () => {
    for (const [shared, own] of [["all-but-last", "dense2"], ["all-but-first", "dense0"]] as const) {
      const t = trainer({ shared, gOptimizer: sgd({ lr: 0.1 }) });
      const before = await Promise.all([0, 1, 2].map((i) => read(t.trained(`generator.${i}`)!.params)));
      for (let i = 0; i < 3; i++) await t.step();
      const after = await Promise.all([0, 1, 2].map((i) => read(t.trained(`generator.${i}`)!.params)));
      for (const name of Object.keys(after[0])) {
        const isOwn = name.startsWith(`${own}/`);
        for (const i of [1, 2]) (isOwn ? expect(after[i][name]).not : expect(after[i][name])).toEqual(after[0][name]);
        for (const i of [0, 1, 2]) expect(after[i][name], `${shared}: ${name} of generator ${i} trained`).not.toEqual(before[i][name]);
      }
      t.dispose();
    }
  });

  it("penalties see φ = l₀ − logSumExp(l₁…l_k) at real and mixture fakes; input transforms and postUpdate run", async () => {
    const seen: number[][] = [];
    const probe: Regularizer = {
      name: "probe", key: "probe",
      transformInput: (x, ctx) => tf.add(x, ctx.rng.normal(x.shape, 0, 0.01)),
      penalty: (ctx) => {
        seen.push([ctx.real.shape[0], ctx.fake.shape[0], ctx.realLogits.shape[1]!, ctx.fakeLogits.shape[1]!]);
        // ‖∇ₓ φ‖² at real and fake points, the fake term weighted by σ(φ(fake)) as in Roth et al.: second
        // order through ctx.discriminator and through ctx.fakeLogits (the mixture batch).
        const norm = (x: tf.Tensor) => tf.sum(tf.square(tf.grad((v: tf.Tensor) => tf.sum(ctx.discriminator(v)))(x)), 1);
        return tf.add(tf.mean(norm(ctx.real)), tf.mean(tf.mul(norm(ctx.fake), tf.reshape(tf.sigmoid(ctx.fakeLogits), [-1])))) as tf.Scalar;
      },
      postUpdate: (p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, tf.clipByValue(v, -0.5, 0.5)])),
    };
    await expectNoTensorLeak(async () => {
      const t = trainer({ regularizers: [probe] });
      const s = await t.step();
      expect(Number.isFinite(s["penalty/probe"])).toBe(true);
      expect(seen[0]).toEqual([32, 32, 1, 1]);
      const d = await read(t.trained("discriminator")!.params);
      expect(Math.max(...Object.values(d).flat().map(Math.abs))).toBeLessThanOrEqual(0.5);
      const saved = t.exportState();
      const other = trainer({ regularizers: [] });
      expect(() => other.importState(saved)).toThrow(expect.objectContaining({ code: "METHOD_REGULARIZERS_CHANGED" }));
      tf.dispose(Object.values(saved.tensors));
      t.dispose();
      other.dispose();
    });
  });
}, { only: ["wasm"] });


