// Fully connected layer y = x·W + b on [N, in] inputs; W is [in, out] (the transpose of PyTorch's
// nn.Linear weight). Pure: parameters are passed in, nothing is stored.
import { tf, type Params, type Rng } from "@gantry/core";
import { dcganWeight } from "./dcgan-init.js";

export interface DenseParams {
  readonly kernel: tf.Tensor;
  readonly bias?: tf.Tensor;
}

export function dense(x: tf.Tensor, p: DenseParams): tf.Tensor {
  return tf.tidy(() => {
    const y = tf.matMul(x as tf.Tensor2D, p.kernel as tf.Tensor2D);
    return p.bias ? tf.add(y, p.bias) : y;
  });
}

/** DCGAN-initialised {kernel, bias?} for a dense layer. */
export function denseInit(rng: Rng, inputs: number, outputs: number, bias: boolean): Params {
  const kernel = dcganWeight(rng, [inputs, outputs]);
  return bias ? { kernel, bias: tf.zeros([outputs]) } : { kernel };
}
