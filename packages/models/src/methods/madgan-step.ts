// One discriminator update and one generators update of `madgan` (Ghosh et al. 2018, Algorithm 1): D on
// a real batch and each generator's fakes with the (k + 1)-way loss (+ penalties on the "real" log-odds),
// then all k generators in one update on the sum of their losses. Pure: new tensors, inputs untouched.
import {
  nextEma, prefixParams, stepPlayer, tf, unprefixParams,
  type ApplyContext, type Network, type Params, type Players, type Rng,
} from "@gantry/core";
import { sampleLatent, type LatentDist } from "./latent.js";
import { classAccuracy, realLogOdds, realShares } from "./madgan-loss.js";
import type { MultiGeneratorLoss } from "@gantry/core";
import type { MultiGenerator } from "./multi-generator-network.js";
import { penalties, postUpdateDiscriminator, transformDiscriminatorInput, type RegularizerSet } from "./regularizer-hooks.js";
import { gradientNormStats, type ScalarStats } from "./step-diagnostics.js";

/** The fixed parts of a `madgan` trainer. */
export interface MadganSetup extends RegularizerSet {
  readonly generators: MultiGenerator;
  /** D after every regularizer's wrapNetwork; k + 1 outputs. */
  readonly discriminator: Network;
  readonly loss: MultiGeneratorLoss;
  readonly regularizerKeys: readonly string[];
  readonly penaltyKeys: readonly (string | undefined)[];
  readonly latentShape: readonly number[];
  readonly latentDist: LatentDist;
  readonly perLayer: boolean;
}

/** One random stream per purpose; regularizers' in list order (saved under their keys). */
export interface MadganRngs {
  readonly latent: Rng;
  readonly apply: Rng;
  readonly regularizers: readonly Rng[];
}

export interface PlayerUpdate {
  readonly params: Params;
  readonly state: Params;
  readonly optState: Params;
  readonly ema?: Params;
  readonly stats: ScalarStats;
}

const range = (k: number): number[] => Array.from({ length: k }, (_, i) => i);

/**
 * N rows of the mixture from k batches of N: k contiguous blocks of rows, block i (rows ⌊iN/k⌋ …) from
 * generator i's same rows. Slices, not a gather: gather's gradient (UnsortedSegmentSum) has no wasm kernel.
 */
function mixtureRows(batches: readonly tf.Tensor[]): tf.Tensor {
  const n = batches[0].shape[0];
  const k = batches.length;
  const start = (i: number) => Math.floor((i * n) / k);
  return tf.concat(batches.flatMap((b, i) => (start(i + 1) > start(i) ? [tf.slice(b, start(i), start(i + 1) - start(i))] : [])));
}

/**
 * One D update. The generators' fakes share one z (as in the authors' code); their new network state is
 * discarded. Penalties see D as φ = l₀ − logSumExp(l₁ … l_k) (the binary logit when k = 1), with N
 * fakes of the mixture (`mixtureRows`) as `fake`, so interpolating penalties pair rows with the real batch.
 */
export function madganDiscriminatorStep(setup: MadganSetup, players: Players, rngs: MadganRngs, real: tf.Tensor, step: number): PlayerUpdate {
  return tf.tidy(() => {
    const { generators: G, discriminator: net } = setup;
    const g = players.generator;
    const d = players.discriminator;
    const ctx: ApplyContext = { training: true, rng: rngs.apply };
    const z = sampleLatent(rngs.latent, real.shape[0], setup.latentShape, setup.latentDist);
    const fakes = range(G.k).map((i) => G.applyOne(g.params, g.state, z, i, ctx).y);
    const realIn = transformDiscriminatorInput(setup, rngs, real, step);
    const fakeIn = fakes.map((f) => transformDiscriminatorInput(setup, rngs, f, step));
    const mixed = mixtureRows(fakeIn);
    const s = stepPlayer(d, (dp) => {
      const r = net.apply(dp, d.state, realIn, ctx);
      let state = r.state;
      const f = fakeIn.map((x) => { const o = net.apply(dp, state, x, ctx); state = o.state; return o.y; });
      const dLoss = setup.loss.discriminator(r.y, f);
      const terms = penalties(setup, rngs.regularizers, setup.penaltyKeys, {
        real: realIn, fake: mixed, realLogits: realLogOdds(r.y), fakeLogits: realLogOdds(mixtureRows(f)),
        discriminator: (x) => realLogOdds(net.apply(dp, d.state, x, ctx).y),
      }, step);
      const total = Object.values(terms).reduce<tf.Scalar>((a, p) => tf.add(a, p), dLoss);
      const fakeAux: Record<string, tf.Tensor> = Object.fromEntries(f.map((t, i) => [`fake.${i}`, t]));
      const aux: Record<string, tf.Tensor> = { dLoss, ...terms, realLogits: r.y, ...fakeAux, ...prefixParams(state, "state") };
      return { loss: total, aux };
    }, step);
    const fakeLogits = range(G.k).map((i) => s.aux[`fake.${i}`]);
    const lossTerms = Object.fromEntries(Object.entries(s.aux).filter(([key]) => key === "dLoss" || key.startsWith("penalty/"))) as ScalarStats;
    const stats: ScalarStats = {
      ...lossTerms,
      ...Object.fromEntries(realShares(fakeLogits).map((t, i) => [`realShare/${i}`, t])),
      dAccuracy: classAccuracy(s.aux.realLogits, fakeLogits),
      ...gradientNormStats("gradNormD", s.grads, setup.perLayer),
    };
    const params = postUpdateDiscriminator(setup, rngs.regularizers, s.params, step);
    return { params, state: unprefixParams(s.aux, "state"), optState: s.optState, stats };
  });
}

/** One update of all k generators (their shared and own layers) on Σᵢ loss.generator(i, D(Gᵢ(z))). */
export function madganGeneratorStep(setup: MadganSetup, players: Players, rngs: MadganRngs, n: number, step: number): PlayerUpdate {
  return tf.tidy(() => {
    const { generators: G, discriminator: net } = setup;
    const g = players.generator;
    const d = players.discriminator;
    const ctx: ApplyContext = { training: true, rng: rngs.apply };
    const z = sampleLatent(rngs.latent, n, setup.latentShape, setup.latentDist);
    const s = stepPlayer(g, (gp) => {
      const outs = range(G.k).map((i) => G.applyOne(gp, g.state, z, i, ctx));
      const terms = outs.map((o, i) => setup.loss.generator(i, net.apply(d.params, d.state, transformDiscriminatorInput(setup, rngs, o.y, step), ctx).y));
      return { loss: tf.addN(terms) as tf.Scalar, aux: prefixParams(Object.assign({}, ...outs.map((o) => o.state)) as Params, "state") };
    }, step);
    const average = nextEma(g, s.params);
    return {
      params: s.params, state: unprefixParams(s.aux, "state"), optState: s.optState, ...(average ? { ema: average } : {}),
      stats: { gLoss: s.loss, ...gradientNormStats("gradNormG", s.grads, setup.perLayer) },
    };
  });
}
