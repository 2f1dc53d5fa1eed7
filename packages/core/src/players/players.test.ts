// A method with three players (two generators, one discriminator) built only from the player helpers:
// it trains, exports and imports its state with no checkpoint code of its own, resumes bit for bit,
// disposes every tensor, and reads a method's aliased names (a layout from before players).
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import {
  Rng, adam, disposePlayers, exportPlayers, importPlayers, initPlayer, isGantryError, nextEma, replacePlayer, sgd, stepPlayer, tf,
  trainedPlayer, type Network, type Params, type Players,
} from "../index.js";

/** y = x·W + b: the smallest network with params. */
function linear(inputs: number, outputs: number): Network {
  return {
    inputShape: [inputs], outputShape: [outputs],
    init: (rng) => ({ params: { w: rng.normal([inputs, outputs], 0, 0.5), b: tf.zeros([outputs]) }, state: {} }),
    apply: (p, state, x) => ({ y: tf.tidy(() => tf.add(tf.matMul(x, p.w), p.b)), state }),
  };
}

/** Two generators against one logistic discriminator on N(3, 1) data, non-saturating. */
class ThreePlayers {
  players: Players;
  private rng: Rng;
  step = 0;
  constructor(seed: number) {
    const root = Rng.seeded(seed);
    this.players = Object.fromEntries([
      initPlayer({ id: "generator", network: linear(2, 1), optimizer: adam({ lr: 0.05 }), emaDecay: 0.9 }, root.split("g0")),
      initPlayer({ id: "generator.2", network: linear(2, 1), optimizer: sgd({ lr: 0.05 }) }, root.split("g1")),
      initPlayer({ id: "discriminator", network: linear(1, 1), optimizer: adam({ lr: 0.05 }) }, root.split("d")),
    ].map((p) => [p.id, p]));
    this.rng = root.split("noise");
  }

  train(): void {
    const { players } = this;
    const next = tf.tidy(() => {
      const real = tf.add(this.rng.normal([16, 1]), 3);
      const fakes = ["generator", "generator.2"].map((id) => players[id].network.apply(players[id].params, {}, this.rng.normal([16, 2]), { training: true }).y);
      const D = players.discriminator;
      const d = stepPlayer(D, (p) => {
        const logit = (x: tf.Tensor) => D.network.apply(p, {}, x, { training: true }).y;
        const loss = tf.add(tf.mean(tf.softplus(tf.neg(logit(real)))), tf.mean(tf.softplus(logit(tf.concat(fakes))))) as tf.Scalar;
        return { loss, aux: {} };
      }, this.step);
      const g = ["generator", "generator.2"].map((id) => {
        const z = this.rng.normal([16, 2]);
        const s = stepPlayer(players[id], (p) => {
          const fake = players[id].network.apply(p, {}, z, { training: true }).y;
          return { loss: tf.mean(tf.softplus(tf.neg(D.network.apply(d.params, {}, fake, { training: true }).y))) as tf.Scalar, aux: {} };
        }, this.step);
        const ema = nextEma(players[id], s.params);
        return { id, params: s.params, optState: s.optState, ...(ema ? { ema } : {}) };
      });
      return { d: { params: d.params, optState: d.optState }, g };
    });
    this.players = {
      ...this.players,
      discriminator: replacePlayer(this.players.discriminator, next.d),
      ...Object.fromEntries(next.g.map(({ id, ...rest }) => [id, replacePlayer(this.players[id], rest)])),
    };
    this.step++;
  }

  exportState() {
    return { tensors: exportPlayers(this.players), json: { step: this.step, rng: this.rng.state() } };
  }

  importState(s: { tensors: Params; json: { step: number; rng: ReturnType<Rng["state"]> } }): void {
    const next = importPlayers(s.tensors, this.players, { method: "three-players", aliases: { "generator/opt": "gOpt" } });
    disposePlayers(this.players);
    this.players = next;
    this.step = s.json.step;
    this.rng = Rng.fromState(s.json.rng);
  }
}

async function snapshot(players: Players): Promise<Record<string, number[]>> {
  const t = exportPlayers(players);
  const out: Record<string, number[]> = {};
  for (const k of Object.keys(t).sort()) out[k] = Array.from(await t[k].data());
  tf.dispose(Object.values(t));
  return out;
}

describeBackends("players", () => {
  it("three players train, export under <id>/<group>/…, resume bit for bit, and dispose every tensor", async () => {
    await expectNoTensorLeak(async () => {
      const a = new ThreePlayers(7);
      for (let i = 0; i < 3; i++) a.train();
      const saved = a.exportState();
      expect(Object.keys(saved.tensors).sort()).toEqual([
        "discriminator/opt/count", "discriminator/opt/exp_avg/b", "discriminator/opt/exp_avg/w", "discriminator/opt/exp_avg_sq/b", "discriminator/opt/exp_avg_sq/w",
        "discriminator/params/b", "discriminator/params/w",
        "generator.2/opt/count", "generator.2/params/b", "generator.2/params/w",
        "generator/ema/b", "generator/ema/w",
        "generator/opt/count", "generator/opt/exp_avg/b", "generator/opt/exp_avg/w", "generator/opt/exp_avg_sq/b", "generator/opt/exp_avg_sq/w",
        "generator/params/b", "generator/params/w",
      ].sort());
      for (let i = 0; i < 2; i++) a.train();
      const b = new ThreePlayers(99);
      b.importState(saved);
      for (let i = 0; i < 2; i++) b.train();
      expect(await snapshot(b.players)).toEqual(await snapshot(a.players));
      const ema = trainedPlayer(a.players.generator);
      expect(ema.params).toBe(a.players.generator.ema);
      expect(trainedPlayer(a.players.generator, true).params).toBe(a.players.generator.params);
      tf.dispose(Object.values(saved.tensors));
      disposePlayers(a.players);
      disposePlayers(b.players);
    });
  });

  it("reads a method's aliased names as well as canonical ones, and names a mismatch", async () => {
    await expectNoTensorLeak(async () => {
      const a = new ThreePlayers(1);
      const saved = a.exportState();
      const legacy = Object.fromEntries(Object.entries(saved.tensors).map(([k, t]) => [k.replace(/^generator\/opt\//, "gOpt/"), t]));
      const b = new ThreePlayers(2);
      b.importState({ tensors: legacy, json: saved.json });
      expect(await snapshot(b.players)).toEqual(await snapshot(a.players));
      const aliased = exportPlayers(b.players, { "generator/opt": "gOpt" });
      expect(Object.keys(aliased).filter((k) => k.startsWith("gOpt/")).sort()).toEqual(["gOpt/count", "gOpt/exp_avg/b", "gOpt/exp_avg/w", "gOpt/exp_avg_sq/b", "gOpt/exp_avg_sq/w"]);
      expect(Object.keys(aliased).some((k) => k.startsWith("generator/opt/"))).toBe(false);
      tf.dispose(Object.values(aliased));
      const { "generator.2/params/w": _w, ...missing } = saved.tensors;
      let err: unknown;
      try { b.importState({ tensors: missing, json: saved.json }); } catch (e) { err = e; }
      expect(isGantryError(err, "METHOD_STATE_MISMATCH")).toBe(true);
      expect((err as Error).message).toMatch(/three-players\.importState: generator\.2\/params: .*missing \[w\]/);
      expect(() => initPlayer({ id: "g/1", network: linear(1, 1), optimizer: sgd({ lr: 1 }) }, Rng.seeded(1))).toThrow(/no "\/"/);
      tf.dispose(Object.values(saved.tensors));
      disposePlayers(a.players);
      disposePlayers(b.players);
    });
  });
});
