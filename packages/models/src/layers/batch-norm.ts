// Batch normalisation (Ioffe & Szegedy 2015) over every axis but the last (channels), with
// PyTorch's nn.BatchNorm semantics: training normalises by the biased batch variance and returns new
// running statistics r' = (1 − m)·r + m·batch (variance unbiased, m = 0.1); eval uses the running ones.
import { GantryError, tf, type Params, type Rng } from "@gantry/core";
import { dcganScale } from "./dcgan-init.js";

export interface BatchNormParams {
  readonly gamma: tf.Tensor;
  readonly beta: tf.Tensor;
}

export interface BatchNormState {
  readonly mean: tf.Tensor;
  readonly variance: tf.Tensor;
}

export interface BatchNormOptions {
  /** Weight of the new batch in the running statistics (PyTorch's momentum); default 0.1. */
  readonly momentum?: number;
  /** Added to the variance before the square root; default 1e-5 as in PyTorch. */
  readonly eps?: number;
}

const DEFAULT_MOMENTUM = 0.1;
const DEFAULT_EPS = 1e-5;

function reductionAxes(x: tf.Tensor): number[] {
  return Array.from({ length: x.rank - 1 }, (_, i) => i);
}

function normalise(x: tf.Tensor, mean: tf.Tensor, variance: tf.Tensor, p: BatchNormParams, eps: number): tf.Tensor {
  // Plain ops (not tf.batchNorm) so that every path is twice differentiable.
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps))), p.gamma), p.beta);
}

/** Training mode: normalises with batch statistics; returns y and the updated running statistics. */
export function batchNormTrain(
  x: tf.Tensor,
  p: BatchNormParams,
  s: BatchNormState,
  options: BatchNormOptions = {},
): { y: tf.Tensor; state: BatchNormState } {
  const m = options.momentum ?? DEFAULT_MOMENTUM;
  const axes = reductionAxes(x);
  const count = x.size / x.shape[x.rank - 1];
  if (count < 2) {
    throw new GantryError("BATCH_NORM_SINGLE_VALUE", `batch norm in training mode needs more than 1 value per channel, got input shape [${x.shape.join(", ")}]`, {
      hint: "use a batch of at least 2 samples, or norm: \"layer\" / \"none\" for the discriminator",
    });
  }
  return tf.tidy(() => {
    const mean = tf.mean(x, axes);
    const variance = tf.mean(tf.square(tf.sub(x, mean)), axes);
    const y = normalise(x, mean, variance, p, options.eps ?? DEFAULT_EPS);
    const unbiased = tf.mul(variance, count / (count - 1));
    const state = {
      mean: tf.add(tf.mul(s.mean, 1 - m), tf.mul(mean, m)),
      variance: tf.add(tf.mul(s.variance, 1 - m), tf.mul(unbiased, m)),
    };
    return { y, state };
  });
}

/** Eval mode: normalises with the running statistics. */
export function batchNormEval(x: tf.Tensor, p: BatchNormParams, s: BatchNormState, options: BatchNormOptions = {}): tf.Tensor {
  return tf.tidy(() => normalise(x, s.mean, s.variance, p, options.eps ?? DEFAULT_EPS));
}

/** DCGAN-initialised parameters (γ ~ N(1, 0.02²), β = 0) and fresh running statistics (0, 1). */
export function batchNormInit(rng: Rng, channels: number): { params: Params; state: Params } {
  return {
    params: { gamma: dcganScale(rng, channels), beta: tf.zeros([channels]) },
    state: { mean: tf.zeros([channels]), variance: tf.ones([channels]) },
  };
}
