// 2-D convolution (cross-correlation, as in PyTorch's nn.Conv2d) on NHWC tensors with symmetric
// integer zero padding. Kernel layout [kh, kw, in, out]; PyTorch's is [out, in, kh, kw].
import { tf, type Params, type Rng } from "@gantry/core";
import { dcganWeight } from "./dcgan-init.js";

export interface ConvParams {
  readonly kernel: tf.Tensor;
  readonly bias?: tf.Tensor;
}

export interface ConvGeometry {
  readonly stride: number;
  /** Zeros added on every side of H and W (PyTorch's `padding`). */
  readonly pad: number;
}

export function conv2d(x: tf.Tensor, p: ConvParams, g: ConvGeometry): tf.Tensor {
  return tf.tidy(() => {
    const y = tf.conv2d(x as tf.Tensor4D, p.kernel as tf.Tensor4D, g.stride, g.pad);
    return p.bias ? tf.add(y, p.bias) : y;
  });
}

/** Output side length of a convolution: ⌊(n + 2·pad − k) / stride⌋ + 1. */
export function conv2dOutputSize(n: number, k: number, g: ConvGeometry): number {
  return Math.floor((n + 2 * g.pad - k) / g.stride) + 1;
}

/** DCGAN-initialised {kernel, bias?} for a k×k convolution from `inputs` to `outputs` channels. */
export function conv2dInit(rng: Rng, k: number, inputs: number, outputs: number, bias: boolean): Params {
  const kernel = dcganWeight(rng, [k, k, inputs, outputs]);
  return bias ? { kernel, bias: tf.zeros([outputs]) } : { kernel };
}
