// One DCGAN training step on Fashion-MNIST-shaped batches ([N, 28, 28, 1] in [−1, 1]): G forward,
// D forward on real and on fake (separate calls, running statistics threaded), non-saturating losses,
// gradients for both networks, plain SGD updates, states swapped in and the old tensors disposed.
// Runs a few steps per backend and fails if the live tensor count grows. Small width for test time.
import { Rng, disposeParams, tf, type Network, type Params } from "@gantry/core";
import { describeBackends, expectNoTensorGrowth } from "@gantry/testing";
import { expect, it } from "vitest";
import { dcganDiscriminator } from "./dcgan-discriminator.js";
import { dcganGenerator } from "./dcgan-generator.js";
import type { DcganNorm } from "./dcgan-schemas.js";

interface Trained { params: Params; state: Params }

/** Gradients of loss(params) for every entry, plus whatever the loss kept aside (new states). */
function gradsOf(p: Params, loss: (p: Params) => tf.Scalar): Params {
  const names = Object.keys(p).sort();
  const grads = tf.grads((...ts: tf.Tensor[]) => loss(Object.fromEntries(names.map((n, i) => [n, ts[i]]))))(names.map((n) => p[n]));
  return Object.fromEntries(names.map((n, i) => [n, grads[i]]));
}

function sgd(p: Params, g: Params, lr: number): Params {
  return Object.fromEntries(Object.keys(p).map((n) => [n, tf.sub(p[n], tf.mul(g[n], lr))]));
}

/** One D step then one G step; returns the new G and D (old tensors disposed) and the two losses. */
function dcganStep(G: Network, D: Network, g: Trained, d: Trained, rng: Rng, labels?: tf.Tensor): { g: Trained; d: Trained; losses: number[] } {
  const batch = 4;
  const ctx = { training: true, labels };
  const kept: Record<string, Params> = {};
  const losses: number[] = [];
  const out = tf.tidy(() => {
    const z = rng.normal([batch, G.inputShape[0]]);
    const real = rng.uniform([batch, 28, 28, 1], -1, 1);
    const dGrads = gradsOf(d.params, (dp) => {
      const fake = G.apply(g.params, g.state, z, ctx);
      const onReal = D.apply(dp, d.state, real, ctx);
      const onFake = D.apply(dp, onReal.state, fake.y, ctx);
      kept.d = Object.fromEntries(Object.entries(onFake.state).map(([k, t]) => [k, tf.keep(t)]));
      const loss = tf.add(tf.mean(tf.softplus(tf.neg(onReal.y))), tf.mean(tf.softplus(onFake.y))) as tf.Scalar;
      losses.push(loss.dataSync()[0]);
      return loss;
    });
    const newD = sgd(d.params, dGrads, 0.01);
    const gGrads = gradsOf(g.params, (gp) => {
      const fake = G.apply(gp, g.state, z, ctx);
      kept.g = Object.fromEntries(Object.entries(fake.state).map(([k, t]) => [k, tf.keep(t)]));
      // D's state from the G step is discarded (ADR 0001); it is disposed by this tidy.
      const loss = tf.mean(tf.softplus(tf.neg(D.apply(newD, kept.d, fake.y, ctx).y))) as tf.Scalar;
      losses.push(loss.dataSync()[0]);
      return loss;
    });
    for (const t of [...Object.values(dGrads), ...Object.values(gGrads)]) expect(t.dataSync().every(Number.isFinite)).toBe(true);
    return { g: sgd(g.params, gGrads, 0.01), d: newD };
  });
  disposeParams(g.params, g.state, d.params, d.state);
  return { g: { params: out.g, state: kept.g }, d: { params: out.d, state: kept.d }, losses };
}

const setups: { norm: DcganNorm; numClasses?: number }[] = [{ norm: "batch" }, { norm: "layer", numClasses: 10 }];

describeBackends("DCGAN step on Fashion-MNIST shapes", () => {
  for (const s of setups) {
    it(`G and D (norm ${s.norm}${s.numClasses ? ", conditional" : ""}) train for 3 steps without tensor growth`, async () => {
      const G = dcganGenerator({ latent: 32, width: 8, numClasses: s.numClasses });
      const D = dcganDiscriminator({ width: 8, norm: s.norm, numClasses: s.numClasses });
      const rng = Rng.seeded(1);
      let g: Trained = G.init(rng.split("g"));
      let d: Trained = D.init(rng.split("d"));
      const labels = s.numClasses ? tf.tensor1d([0, 3, 9, 3], "int32") : undefined;
      const before = tf.memory().numTensors;
      const losses: number[][] = [];
      await expectNoTensorGrowth(() => {
        const next = dcganStep(G, D, g, d, rng.split(`step${losses.length}`), labels);
        g = next.g;
        d = next.d;
        losses.push(next.losses);
      }, 3, "DCGAN step");
      expect(tf.memory().numTensors).toBe(before);
      expect(losses.flat().every(Number.isFinite)).toBe(true);
      disposeParams(g.params, g.state, d.params, d.state);
      if (labels) labels.dispose();
    });
  }
});
