// DCGAN weight initialisation (Radford et al. 2015, §4): conv and linear weights N(0, 0.02),
// batch-norm scale N(1, 0.02), biases and shifts 0. Draws come from the caller's seeded Rng.
import { tf, type Rng } from "@gantry/core";

/** Standard deviation of every DCGAN weight. */
export const DCGAN_STD = 0.02;

/** A weight tensor N(0, 0.02²). */
export function dcganWeight(rng: Rng, shape: readonly number[]): tf.Tensor {
  return rng.normal(shape, 0, DCGAN_STD);
}

/** A normalisation scale γ ~ N(1, 0.02²). */
export function dcganScale(rng: Rng, channels: number): tf.Tensor {
  return rng.normal([channels], 1, DCGAN_STD);
}
