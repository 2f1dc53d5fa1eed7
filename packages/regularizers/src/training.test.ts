// The regularizers inside the `alternating` method: what the Lipschitz constraints are for (a
// Wasserstein critic's gap stays bounded with them, grows without), every regularizer training without
// NaN with its penalty in the stats, Roth refused on a critic loss, streams keyed by name (reordering
// cannot swap them; a changed list is named on resume), and spectral norm's vectors resuming exactly.
import { adam, isGantryError, tf, type Regularizer } from "@gantry/core";
import { ring } from "@gantry/data";
import { nonSaturating, wasserstein } from "@gantry/losses";
import { alternating, mlp, type AlternatingOptions } from "@gantry/models";
import { describeBackends, expectNoTensorGrowth, readTidy } from "@gantry/testing";
import { expect, it } from "vitest";
import { gradientPenalty } from "./gradient-penalty.js";
import { instanceNoise } from "./instance-noise.js";
import { r1, r2 } from "./r1-r2.js";
import { roth } from "./roth.js";
import { spectralNorm } from "./spectral-norm.js";
import { weightClipping } from "./weight-clipping.js";

const small = (over: Partial<AlternatingOptions> = {}): AlternatingOptions => ({
  data: ring({ batchSize: 64 }),
  generator: mlp({ input: 2, hidden: [32, 32], output: 2 }),
  discriminator: mlp({ input: 2, hidden: [32, 32], output: 1, activation: "leakyRelu" }),
  loss: nonSaturating(), seed: 3, steps: 100,
  gOptimizer: adam({ lr: 1e-3, betas: [0.5, 0.9] }), dOptimizer: adam({ lr: 1e-3, betas: [0.5, 0.9] }),
  ...over,
});

async function paramsOf(trainer: ReturnType<typeof alternating>, role: string): Promise<number[]> {
  const t = trainer.trained(role)!;
  return Array.from(await readTidy(() => tf.concat(Object.keys(t.params).sort().map((k) => tf.reshape(t.params[k], [-1])))));
}

describeBackends("regularizers in training", () => {
  it("weight clipping and the gradient penalty keep a Wasserstein critic's gap bounded; without them it grows", async () => {
    const gaps = async (regularizers: Regularizer[]) => {
      const trainer = alternating(small({
        data: ring({ batchSize: 128 }), loss: wasserstein(), regularizers, dSteps: 5, steps: 200,
        generator: mlp({ input: 2, hidden: [64, 64], output: 2 }),
        discriminator: mlp({ input: 2, hidden: [64, 64], output: 1, activation: "leakyRelu" }),
      }));
      const out: number[] = [];
      for (let i = 0; i < 200; i++) out.push(Math.abs((await trainer.step()).criticGap));
      trainer.dispose();
      return { early: Math.max(...out.slice(0, 50)), late: Math.max(...out.slice(100)), all: Math.max(...out) };
    };
    const none = await gaps([]);
    const clipped = await gaps([weightClipping()]);
    const gp = await gaps([gradientPenalty()]);
    console.log(`critic |gap| max (steps 0–50 / 100–200): none ${none.early.toFixed(2)} / ${none.late.toFixed(1)}, ` +
      `weight clipping ${clipped.early.toFixed(4)} / ${clipped.late.toFixed(4)}, gradient penalty ${gp.early.toFixed(2)} / ${gp.late.toFixed(2)}`);
    expect(none.late).toBeGreaterThan(5 * none.early);
    expect(none.late).toBeGreaterThan(50);
    expect(clipped.all).toBeLessThan(0.05); // |f| ≤ Σ|weights| products with c = 0.01: tiny by construction
    expect(gp.all).toBeLessThan(5);
    expect(gp.late).toBeLessThan(none.late / 20);
  });

  const cases: Readonly<Record<string, () => Partial<AlternatingOptions>>> = {
    "instance-noise": () => ({ regularizers: [instanceNoise()] }),
    roth: () => ({ regularizers: [roth()] }),
    "weight-clipping": () => ({ regularizers: [weightClipping()], loss: wasserstein() }),
    "gradient-penalty": () => ({ regularizers: [gradientPenalty()], loss: wasserstein() }),
    r1: () => ({ regularizers: [r1()] }),
    r2: () => ({ regularizers: [r2()] }),
    "spectral-norm": () => ({ regularizers: [spectralNorm()], loss: wasserstein() }),
  };
  for (const [name, over] of Object.entries(cases)) {
    it(`${name}: trains without NaN or tensor growth, penalties reported as penalty/${name}`, async () => {
      const trainer = alternating(small({ ...over(), dSteps: 2 }));
      let last: Record<string, number> = {};
      await expectNoTensorGrowth(async () => { last = { ...(await trainer.step()) }; }, 4, name);
      for (const [k, v] of Object.entries(last)) expect(Number.isFinite(v), `${k} = ${v}`).toBe(true);
      const hasPenalty = ["roth", "gradient-penalty", "r1", "r2"].includes(name);
      expect(`penalty/${name}` in last).toBe(hasPenalty);
      if (hasPenalty) expect(last[`penalty/${name}`]).toBeGreaterThan(0);
      trainer.dispose();
    });
  }

  it("roth on a critic loss is refused when the method is built, naming both", () => {
    let err: unknown;
    try { alternating(small({ loss: wasserstein(), regularizers: [roth({ key: "stabilize" })] })); } catch (e) { err = e; }
    expect(isGantryError(err, "METHOD_REGULARIZER_LOSS")).toBe(true);
    expect((err as Error).message).toMatch(/stabilize.*log-odds.*critic loss/);
    expect((err as Error).message).toMatch(/gradient-penalty, weight-clipping or spectral-norm/);
  });

  it("streams are keyed by name: a reordered list resumes identically; a changed list is an error naming what changed", async () => {
    const list = () => [instanceNoise({ std: 0.05, key: "noise" }), gradientPenalty({ key: "gp" })];
    const a = alternating(small({ loss: wasserstein(), regularizers: list() }));
    for (let i = 0; i < 3; i++) await a.step();
    const saved = a.exportState();
    const b = alternating(small({ loss: wasserstein(), regularizers: list().reverse() }));
    b.importState(saved);
    await a.step();
    await b.step();
    expect(await paramsOf(b, "discriminator")).toEqual(await paramsOf(a, "discriminator"));
    expect(await paramsOf(b, "generator")).toEqual(await paramsOf(a, "generator"));

    const c = alternating(small({ loss: wasserstein(), regularizers: [instanceNoise({ std: 0.05, key: "noise" }), weightClipping({ key: "clip" })] }));
    let err: unknown;
    try { c.importState(saved); } catch (e) { err = e; }
    expect(isGantryError(err, "METHOD_REGULARIZERS_CHANGED")).toBe(true);
    expect((err as Error).message).toMatch(/removed \[gp\], added \[clip\]/);
    // Unkeyed regularizers in code are keyed `<name>#<position>`.
    const d = alternating(small({ regularizers: [instanceNoise(), instanceNoise({ std: 0.2 })] }));
    expect(Object.keys((d.exportState().json as { rng: { regularizers: object } }).rng.regularizers)).toEqual(["instance-noise#0", "instance-noise#1"]);
    tf.dispose(Object.values(saved.tensors));
    for (const t of [a, b, c, d]) t.dispose();
  });

  it("spectral norm's u, v live in D's state: checkpointed, and a resumed run matches the uninterrupted one bit for bit", async () => {
    const opts = () => small({ loss: wasserstein(), regularizers: [spectralNorm()], dSteps: 2 });
    const a = alternating(opts());
    for (let i = 0; i < 3; i++) await a.step();
    const saved = a.exportState();
    expect(Object.keys(saved.tensors).filter((k) => k.startsWith("discriminator/state/spectral-norm/")).sort()).toEqual(
      ["dense0", "dense1", "dense2"].flatMap((l) => [`discriminator/state/spectral-norm/${l}/kernel/u`, `discriminator/state/spectral-norm/${l}/kernel/v`]));
    for (let i = 0; i < 2; i++) await a.step();
    const b = alternating(opts());
    b.importState(saved);
    for (let i = 0; i < 2; i++) await b.step();
    expect(await paramsOf(b, "discriminator")).toEqual(await paramsOf(a, "discriminator"));
    const stateOf = async (t: typeof a) => Array.from(await readTidy(() => t.trained("discriminator")!.state["spectral-norm/dense1/kernel/u"].clone()));
    expect(await stateOf(b)).toEqual(await stateOf(a));
    tf.dispose(Object.values(saved.tensors));
    a.dispose();
    b.dispose();
  });
}, { only: ["wasm"] });
