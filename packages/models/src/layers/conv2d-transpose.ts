// Transposed 2-D convolution on NHWC tensors with PyTorch's nn.ConvTranspose2d semantics:
// out = (n − 1)·stride − 2·pad + k (output_padding 0). It is the adjoint of conv2d with the same
// geometry, computed by tf.conv2dTranspose. Kernel layout [kh, kw, out, in]; PyTorch's is [in, out, kh, kw].
import { tf, type Params, type Rng } from "@gantry/core";
import type { ConvGeometry, ConvParams } from "./conv2d.js";
import { dcganWeight } from "./dcgan-init.js";

/** Output side length (PyTorch's formula, no output_padding). */
export function conv2dTransposeOutputSize(n: number, k: number, g: ConvGeometry): number {
  return (n - 1) * g.stride - 2 * g.pad + k;
}

export function conv2dTranspose(x: tf.Tensor, p: ConvParams, g: ConvGeometry): tf.Tensor {
  return tf.tidy(() => {
    const [n, h, w] = x.shape;
    const [k, , outChannels] = p.kernel.shape;
    const outH = conv2dTransposeOutputSize(h as number, k, g);
    const outW = conv2dTransposeOutputSize(w as number, k, g);
    const y = tf.conv2dTranspose(x as tf.Tensor4D, p.kernel as tf.Tensor4D, [n, outH, outW, outChannels], g.stride, g.pad);
    return p.bias ? tf.add(y, p.bias) : y;
  });
}

/** DCGAN-initialised {kernel, bias?} for a k×k transposed convolution from `inputs` to `outputs` channels. */
export function conv2dTransposeInit(rng: Rng, k: number, inputs: number, outputs: number, bias: boolean): Params {
  const kernel = dcganWeight(rng, [k, k, outputs, inputs]);
  return bias ? { kernel, bias: tf.zeros([outputs]) } : { kernel };
}
