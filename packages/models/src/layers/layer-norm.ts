// Layer normalisation (Ba et al. 2016) of each sample over all its features (H, W and C together),
// with a per-channel scale and shift: PyTorch's nn.GroupNorm(1, C). Per-sample, so it is safe under
// per-sample gradient penalties (WGAN-GP, R1), unlike batch norm. No running state.
import { tf, type Params, type Rng } from "@gantry/core";
import { dcganScale } from "./dcgan-init.js";

export interface LayerNormParams {
  readonly gamma: tf.Tensor;
  readonly beta: tf.Tensor;
}

const DEFAULT_EPS = 1e-5;

export function layerNorm(x: tf.Tensor, p: LayerNormParams, eps = DEFAULT_EPS): tf.Tensor {
  return tf.tidy(() => {
    const axes = Array.from({ length: x.rank - 1 }, (_, i) => i + 1);
    const mean = tf.mean(x, axes, true);
    const variance = tf.mean(tf.square(tf.sub(x, mean)), axes, true);
    const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
    return tf.add(tf.mul(normalised, p.gamma), p.beta);
  });
}

/** γ ~ N(1, 0.02²) (as DCGAN's batch norm), β = 0. */
export function layerNormInit(rng: Rng, channels: number): Params {
  return { gamma: dcganScale(rng, channels), beta: tf.zeros([channels]) };
}
