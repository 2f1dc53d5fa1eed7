// Unrolled GANs inside `alternating` (the method that calls the look-ahead): K = 0 is exactly the
// plain step, and a trainer with a look-ahead keeps its tensor count flat over steps.
import {
  Rng, adam, disposeParams, tf, type BatchStream, type Dataset, type Lookahead, type LookaheadContext, type Params, type Regularizer,
} from "@gantry/core";
import { ring } from "@gantry/data";
import { nonSaturating } from "@gantry/losses";
import { alternating, dcganDiscriminator, dcganGenerator, mlp, type AlternatingOptions } from "@gantry/models";
import { describeBackends, expectNoTensorGrowth, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import { unrolled } from "./unrolled.js";

/** Instance noise written inline (this package does not depend on @gantry/regularizers): a transform with a stream. */
const noise: Regularizer = { name: "noise", transformInput: (x, ctx) => tf.tidy(() => tf.add(x, ctx.rng.normal(x.shape, 0, 0.05))) };

const small = (lookahead?: Lookahead, regularizers: Regularizer[] = []): AlternatingOptions => ({
  data: ring({ modes: 8, radius: 2, std: 0.02 }), batchSize: 32, seed: 5,
  generator: mlp({ input: 4, hidden: [16], output: 2, activation: "tanh" }),
  discriminator: mlp({ input: 2, hidden: [16], output: 1, activation: "leakyRelu" }),
  loss: nonSaturating(),
  gOptimizer: adam({ lr: 1e-3, betas: [0.5, 0.999] }),
  dOptimizer: adam({ lr: 1e-4, betas: [0.5, 0.999], epsRoot: 1e-12 }),
  ...(lookahead ? { lookahead } : {}),
  regularizers,
});

async function values(p: Params): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const k of Object.keys(p).sort()) out[k] = Array.from(await p[k].data());
  return out;
}

describeBackends("unrolled in alternating", () => {
  for (const [options, regs] of [[{}, []], [{ mode: "first-order" }, []], [{ batches: "fresh" }, []], [{}, [noise]]] as const) {
    it(`K = 0 (${JSON.stringify(options)}${regs.length ? ", with instance noise" : ""}) gives exactly the plain alternating steps`, async () => {
      const [plain, ahead] = [alternating(small(undefined, [...regs])), alternating(small(unrolled({ steps: 0, ...options }), [...regs]))];
      for (let i = 0; i < 2; i++) {
        const [a, b] = [await plain.step(), await ahead.step()];
        expect(b.gLoss).toBe(a.gLoss);
      }
      const [a, b] = [plain.exportState(), ahead.exportState()];
      expect(await values(b.tensors)).toEqual(await values(a.tensors));
      expect(b.json).toEqual(a.json);
      disposeParams(a.tensors, b.tensors);
      plain.dispose();
      ahead.dispose();
    });
  }

  it("K = 5 changes G's update and leaves D's own update alone", async () => {
    const [plain, ahead] = [alternating(small()), alternating(small(unrolled({ steps: 5 })))];
    const [a, b] = [await plain.step(), await ahead.step()];
    expect(b.dLoss).toBe(a.dLoss);
    expect(b.gradNormD).toBe(a.gradNormD);
    expect(Math.abs(b.gradNormG - a.gradNormG)).toBeGreaterThan(1e-3 * a.gradNormG);
    const [sa, sb] = [plain.exportState(), ahead.exportState()];
    const [va, vb] = [await values(sa.tensors), await values(sb.tensors)];
    for (const k of Object.keys(va).filter((n) => n.startsWith("discriminator/") || n.startsWith("dOpt/"))) expect(vb[k], k).toEqual(va[k]);
    expect(vb["generator/params/dense0/kernel"]).not.toEqual(va["generator/params/dense0/kernel"]);
    disposeParams(sa.tensors, sb.tensors);
    plain.dispose();
    ahead.dispose();
  });
});

/** 16×16 grey images of seeded uniform noise: enough data for a DCGAN pair to take steps on. */
function noiseImages(): Dataset {
  return {
    info: { name: "noise-images", sampleShape: [16, 16, 1] },
    stream(o = {}): BatchStream {
      const rng = Rng.seeded(o.seed ?? 0);
      let index = 0;
      const stream: BatchStream = {
        async next() {
          index++;
          return { done: false, value: { x: tf.tidy(() => tf.sub(tf.mul(rng.uniform([o.batchSize ?? 8, 16, 16, 1]), 2), 1)) } };
        },
        async return() { return { done: true, value: undefined }; },
        [Symbol.asyncIterator]() { return stream; },
        position: () => ({ epoch: 0, index, rng: rng.state() }),
      };
      return stream;
    },
  };
}

describeBackends("unrolled in alternating: batch-norm DCGAN discriminator", () => {
  const dcgan = (lookahead?: Lookahead): AlternatingOptions => ({
    data: noiseImages(), batchSize: 8, seed: 2,
    generator: dcganGenerator({ latent: 8, image: [16, 16, 1], width: 4 }),
    discriminator: dcganDiscriminator({ image: [16, 16, 1], width: 4, norm: "batch" }),
    loss: nonSaturating(),
    dOptimizer: adam({ lr: 2e-4, betas: [0.5, 0.999], epsRoot: 1e-12 }),
    ...(lookahead ? { lookahead } : {}),
  });

  it("K = 0 equals the plain step, and K = 2 (second order through conv and batch norm) trains without growth", async () => {
    const [plain, zero] = [alternating(dcgan()), alternating(dcgan(unrolled({ steps: 0 })))];
    await plain.step();
    await zero.step();
    const [a, b] = [plain.exportState(), zero.exportState()];
    expect(Object.keys(a.tensors).some((k) => k.startsWith("discriminator/state/"))).toBe(true);
    expect(await values(b.tensors)).toEqual(await values(a.tensors));
    disposeParams(a.tensors, b.tensors);
    plain.dispose();
    zero.dispose();
    await expectNoTensorLeak(async () => {
      const trainer = alternating(dcgan(unrolled({ steps: 2 })));
      let stats = await trainer.step();
      await expectNoTensorGrowth(async () => { stats = await trainer.step(); }, 2, "DCGAN step with unrolled");
      expect(Number.isFinite(stats.gLoss) && Number.isFinite(stats.gradNormG)).toBe(true);
      trainer.dispose();
    });
  });
});

describeBackends("unrolled in alternating: memory", () => {
  for (const options of [{ mode: "second-order" }, { mode: "first-order" }, { mode: "second-order", batches: "fresh" }] as const) {
    it(`does not grow the tensor count over steps and frees everything on dispose (K = 3, ${JSON.stringify(options)})`, async () => {
      await expectNoTensorLeak(async () => {
        const trainer = alternating({ ...small(unrolled({ steps: 3, ...options })), dSteps: 2 });
        await expectNoTensorGrowth(() => trainer.step(), 4, "alternating.step with unrolled");
        trainer.dispose();
      });
    });
  }

  it("holds memory linear in K within a step: each update adds the same bytes", async () => {
    // Live bytes right after the unroll, inside G's gradient (the tape's saved tensors included).
    const bytesAfterUnroll = (K: number) => {
      const gan = alternating(small());
      const d = gan.trained("discriminator")!;
      const g = gan.trained("generator")!;
      const rng = Rng.seeded(1);
      const real = tf.tidy(() => tf.mul(rng.normal([32, 2]), 2));
      const z = rng.normal([32, 4]);
      const opt = adam({ lr: 1e-4, betas: [0.5, 0.999], epsRoot: 1e-12 });
      const optState = opt.init(d.params);
      let bytes = 0;
      tf.tidy(() => tf.grad((w: tf.Tensor) => {
        const fake = g.network.apply({ ...g.params, "dense0/kernel": w }, g.state, z, { training: true }).y;
        const logits = (p: Params, x: tf.Tensor) => d.network.apply(p, d.state, x, { training: true }).y;
        const ctx: LookaheadContext = {
          dParams: d.params, dState: d.state, dOptState: optState, dOptimizer: opt, step: 0,
          dLoss: (p, state) => ({ loss: nonSaturating().discriminator(logits(p, real), logits(p, fake)), state }),
        };
        const before = tf.memory().numBytes;
        const ahead = unrolled({ steps: K }).unroll(ctx);
        bytes = tf.memory().numBytes - before;
        return nonSaturating().generator(logits(ahead.params, fake), logits(ahead.params, real));
      })(g.params["dense0/kernel"]));
      tf.dispose([real, z]);
      disposeParams(optState);
      gan.dispose();
      return bytes;
    };
    const [b1, b2, b4, b8] = [1, 2, 4, 8].map(bytesAfterUnroll);
    const perStep = (b8 - b4) / 4;
    expect(perStep).toBeGreaterThan(0);
    // Linear: the increments from 1→2, 2→4 and 4→8 updates cost the same per update (within 5 %).
    expect(Math.abs((b2 - b1) - perStep) / perStep).toBeLessThan(0.05);
    expect(Math.abs((b4 - b2) / 2 - perStep) / perStep).toBeLessThan(0.05);
  });
});
