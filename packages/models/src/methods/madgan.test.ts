// MAD-GAN's parts on every backend: the default loss and diagnostics equal @gantry/losses' (the
// reference), the k-generator network's sharing layout, the mixture sampler, and the checks at construction.
import { Rng, tf } from "@gantry/core";
import { madGan, multiGeneratorAccuracy, realVoteShares } from "@gantry/losses";
import { describeBackends, expectNoTensorLeak, readTidy } from "@gantry/testing";
import { expect, it } from "vitest";
import { mlp } from "../networks/mlp.js";
import { madgan } from "./madgan.js";
import { classAccuracy, defaultMadGanLoss, realLogOdds, realShares } from "./madgan-loss.js";
import { drawGenerators } from "./madgan-mixture.js";
import { multiGenerator } from "./multi-generator-network.js";
import { ringDataset } from "./ring.testkit.js";

const G = () => mlp({ input: 4, hidden: [8, 8], output: 2 });
const D = (outputs: number) => mlp({ input: 2, hidden: [8], output: outputs, activation: "leakyRelu" });

async function values(t: tf.Tensor | tf.Tensor[]): Promise<number[]> {
  const list = Array.isArray(t) ? t : [t];
  const out = (await Promise.all(list.map((x) => x.data()))).flatMap((d) => Array.from(d));
  tf.dispose(list);
  return out;
}

describeBackends("madgan parts", () => {
  it("the default loss and diagnostics equal @gantry/losses' madGan, realVoteShares and multiGeneratorAccuracy", async () => {
    await expectNoTensorLeak(async () => {
      const rng = Rng.seeded(3);
      const real = rng.normal([6, 4], 0, 2);
      const fakes = [rng.normal([5, 4], 0, 2), rng.normal([6, 4], 0, 2), rng.normal([4, 4], 0, 2)];
      const mine = defaultMadGanLoss(3, 0.1);
      const ref = madGan({ generators: 3, labelSmoothing: 0.1 });
      // Same formula, same op order: float32 agreement to 1e-6 relative.
      const [a, b] = await Promise.all([values(mine.discriminator(real, fakes)), values(ref.discriminator(real, fakes))]);
      expect(a[0]).toBeCloseTo(b[0], 5);
      for (let i = 0; i < 3; i++) expect((await values(mine.generator(i, fakes[i])))[0]).toBeCloseTo((await values(ref.generator(i, fakes[i])))[0], 5);
      expect(await values(realShares(fakes))).toEqual(await values(realVoteShares(fakes)));
      expect(await values(classAccuracy(real, fakes))).toEqual(await values(multiGeneratorAccuracy(real, fakes)));
      tf.dispose([real, ...fakes]);
    });
  });

  it("φ = l₀ − logSumExp(l₁…l_k) is the binary logit l₀ − l₁ when k = 1, and finite at ±50", async () => {
    const l = tf.tensor2d([[2, -1], [50, -50], [-50, 50]]);
    expect(await values(realLogOdds(l))).toEqual([3, 100, -100]);
    const three = tf.tensor2d([[0, Math.log(2), Math.log(3)]]);
    // φ = 0 − log(2 + 3): "real" against either generator.
    expect((await values(realLogOdds(three)))[0]).toBeCloseTo(-Math.log(5), 5);
    tf.dispose([l, three]);
  });

  it("k generators: trunk/… shared and head.<i>/… own params, per sharing option", async () => {
    await expectNoTensorLeak(() => {
      const layout = (shared: "all-but-last" | "all-but-first" | "none") => {
        const net = multiGenerator(G(), 3, shared);
        const { params } = net.network.init(Rng.seeded(1));
        const names = Object.keys(params).map((n) => n.replace(/\/(kernel|bias)$/, "")).filter((n, i, all) => all.indexOf(n) === i);
        const g1 = net.paramsOf(params, 1);
        expect(Object.keys(g1).sort()).toEqual(["dense0/bias", "dense0/kernel", "dense1/bias", "dense1/kernel", "dense2/bias", "dense2/kernel"]);
        tf.dispose(Object.values(params));
        return names.sort();
      };
      expect(layout("all-but-last")).toEqual(["head.0/dense2", "head.1/dense2", "head.2/dense2", "trunk/dense0", "trunk/dense1"]);
      expect(layout("all-but-first")).toEqual(["head.0/dense0", "head.1/dense0", "head.2/dense0", "trunk/dense1", "trunk/dense2"]);
      expect(layout("none")).toHaveLength(9);
    });
  });

  it("the mixture network routes row j to generator j mod k, with the generators' own params", async () => {
    const net = multiGenerator(G(), 3, "all-but-last");
    const { params, state } = net.network.init(Rng.seeded(2));
    await expectNoTensorLeak(async () => {
      const z = Rng.seeded(5).normal([7, 4]);
      const mixed = await values(net.network.apply(params, state, z, { training: false }).y);
      for (let j = 0; j < 7; j++) {
        const row = tf.slice(z, [j, 0], [1, 4]);
        const own = await values(G().apply(net.paramsOf(params, j % 3), {}, row, { training: false }).y);
        row.dispose();
        expect(mixed.slice(2 * j, 2 * j + 2)).toEqual(own);
      }
      z.dispose();
    });
    tf.dispose(Object.values(params));
  });

  it("sample(n, seed) draws each generator with probability 1/k: counts within 4σ, rows from the drawn generator", async () => {
    const k = 4;
    const n = 8000;
    const which = drawGenerators(Rng.seeded(11), n, k);
    const counts = Array.from({ length: k }, (_, i) => which.filter((w) => w === i).length);
    const sd = Math.sqrt(n * (1 / k) * (1 - 1 / k));
    for (const c of counts) expect(Math.abs(c - n / k)).toBeLessThan(4 * sd);
    const t = madgan({ data: ringDataset(), generator: G(), discriminator: D(k + 1), generators: k, seed: 1 });
    await expectNoTensorLeak(async () => {
      const a = await values(t.sample(64, 9));
      expect(await values(t.sample(64, 9))).toEqual(a);
      // Reproduce the draw: the sample's generator choices and z come from Rng.seeded(seed)'s "generators" and "latent" streams.
      const rng = Rng.seeded(9);
      const chosen = drawGenerators(rng.split("generators"), 64, k);
      const z = rng.split("latent").normal([64, 4]);
      for (const j of [0, 1, 17, 63]) {
        const g = t.trained(`generator.${chosen[j]}`)!;
        const own = await readTidy(() => g.network.apply(g.params, g.state, tf.slice(z, [j, 0], [1, 4]), { training: false }).y);
        expect(a.slice(2 * j, 2 * j + 2)).toEqual(Array.from(own));
      }
      z.dispose();
      expect(new Set(chosen).size).toBe(k);
    });
    expect(t.trained("generator.4")).toBeUndefined();
    t.dispose();
  });

  it("named samplers: the mixture by default, \"online\", and \"generator.<i>\" alone; totalSteps is steps", async () => {
    const t = madgan({ data: ringDataset(), generator: G(), discriminator: D(4), generators: 3, seed: 2, steps: 7 });
    expect(t.totalSteps).toBe(7);
    expect(t.samplerNames).toEqual(["online", "generator.0", "generator.1", "generator.2"]);
    await expectNoTensorLeak(async () => {
      expect(await values(t.sampler().sample(8, 4))).toEqual(await values(t.sample(8, 4)));
      expect(await values(t.sampler("online").sample(8, 4))).toEqual(await values(t.sample(8, 4)));
      const g = t.trained("generator.1")!;
      const z = Rng.seeded(4).split("latent").normal([8, 4]);
      expect(await values(t.sampler("generator.1").sample(8, 4))).toEqual(Array.from(await readTidy(() => g.network.apply(g.params, g.state, z, { training: false }).y)));
      z.dispose();
    });
    expect(() => t.sampler("generator.3")).toThrow(expect.objectContaining({ code: "METHOD_UNKNOWN_SAMPLER" }));
    t.dispose();
  });

  it("refuses a discriminator without k + 1 outputs, naming the field and the width to build", async () => {
    await expectNoTensorLeak(() => {
      let err: unknown;
      try { madgan({ data: ringDataset(), generator: G(), discriminator: D(1), generators: 4 }); } catch (e) { err = e; }
      expect(err).toMatchObject({ code: "METHOD_DISCRIMINATOR_WIDTH", where: { field: "with.discriminator" }, hint: "build the discriminator with output: 5" });
      expect((err as Error).message).toMatch(/outputs \[1\] per sample, but MAD-GAN with generators: 4 needs k \+ 1 = 5 logits/);
      expect(() => madgan({ data: ringDataset(), generator: G(), discriminator: D(3), generators: 2, loss: madGan({ generators: 3 }) }))
        .toThrow(expect.objectContaining({ code: "METHOD_GENERATORS_MISMATCH" }));
      expect(() => madgan({ data: ringDataset(), generator: G(), discriminator: D(3), generators: 2, shared: "some" as never }))
        .toThrow(expect.objectContaining({ code: "PARAMS_INVALID" }));
    });
  });
});
