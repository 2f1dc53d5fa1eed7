// Samples of MAD-GAN's generator mixture p_g = (1/k)·Σᵢ p_gᵢ (Ghosh et al. 2018, §3): each row's
// generator drawn uniformly from a seeded stream, then each generator runs once on its own rows.
import { Rng, tf, type ApplyContext, type Params } from "@gantry/core";
import { sampleLatent, type LatentDist } from "./latent.js";
import { mixtureRows } from "./mixture-rows.js";
import type { MultiGenerator } from "./multi-generator-network.js";

/** For each of n rows, which of the k generators makes it (uniform, i.i.d.). */
export function drawGenerators(rng: Rng, n: number, k: number): Int32Array {
  const which = new Int32Array(n);
  for (let j = 0; j < n; j++) which[j] = rng.nextInt(k);
  return which;
}

export interface MixtureDraw {
  readonly seed: number;
  readonly latentShape: readonly number[];
  readonly latentDist: LatentDist;
}

/** n samples of the mixture: z and the generator choices from `seed`'s stream, rows in draw order. */
export function sampleMixture(G: MultiGenerator, params: Params, state: Params, n: number, draw: MixtureDraw): tf.Tensor {
  const rng = Rng.seeded(draw.seed);
  const which = drawGenerators(rng.split("generators"), n, G.k);
  const ctx: ApplyContext = { training: false };
  return tf.tidy(() => {
    const z = sampleLatent(rng.split("latent"), n, draw.latentShape, draw.latentDist);
    return mixtureRows(which, G.k, (i, idx) => G.applyOne(params, state, tf.gather(z, idx), i, ctx).y);
  });
}

/** n samples of generator `i` alone, z from `seed`'s stream as in `sampleMixture`. */
export function sampleOne(G: MultiGenerator, params: Params, state: Params, n: number, draw: MixtureDraw, i: number): tf.Tensor {
  return tf.tidy(() => G.applyOne(params, state, sampleLatent(Rng.seeded(draw.seed).split("latent"), n, draw.latentShape, draw.latentDist), i, { training: false }).y);
}
