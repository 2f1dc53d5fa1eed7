// Samples of AdaGAN's mixture Σ αᵢ·p_gᵢ (Tolstikhin et al. 2017, Algorithm 1): each row's component
// drawn from a seeded stream with probability αᵢ, then each component samples its own rows once, from
// its own seed derived from the mixture's, so the same seed always gives the same samples.
import { GantryError, Rng, tf, type Sampler } from "@gantry/core";
import { mixtureRows } from "./mixture-rows.js";

/** For each of n rows, which component makes it: P(i) = alphas[i] (they sum to 1). */
export function drawComponents(rng: Rng, n: number, alphas: readonly number[]): Int32Array {
  const cumulative: number[] = [];
  alphas.reduce((sum, a) => { cumulative.push(sum + a); return sum + a; }, 0);
  const total = cumulative[cumulative.length - 1];
  const which = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const u = rng.nextFloat() * total;
    let i = 0;
    while (i < cumulative.length - 1 && cumulative[i] <= u) i++;
    which[j] = i;
  }
  return which;
}

/** n samples of the mixture of `components` with weights `alphas`, rows in draw order. */
export function sampleComponents(components: readonly Sampler[], alphas: readonly number[], n: number, seed: number, labels?: tf.Tensor): tf.Tensor {
  if (components.length === 0 || components.length !== alphas.length) {
    throw new GantryError("METHOD_EMPTY_MIXTURE", `a mixture needs one weight per component (got ${components.length} components, ${alphas.length} weights)`, {
      hint: "sample after the first round has finished, or sample the round in progress (train.sampler.current)",
    });
  }
  const rng = Rng.seeded(seed);
  const which = drawComponents(rng.split("components"), n, alphas);
  return tf.tidy(() => mixtureRows(which, components.length, (i, idx) =>
    components[i].sample(idx.length, rng.split(`component/${i}`).nextSeed(), labels ? tf.gather(labels, idx) : undefined)));
}
