// Fully connected layer y = act(x·W + b) on [N, in] inputs, act linear or ReLU; W is [in, out] (the
// transpose of PyTorch's nn.Linear weight). Pure: parameters are passed in, nothing is stored. One fused
// kernel where the backend has it (core's fusedDense), the same numbers as the unfused ops.
import { fusedDense, tf, type FusedDenseActivation, type Params, type Rng } from "@gantry/core";
import { dcganWeight } from "./dcgan-init.js";

export interface DenseParams {
  readonly kernel: tf.Tensor;
  readonly bias?: tf.Tensor;
}

export function dense(x: tf.Tensor, p: DenseParams, activation: FusedDenseActivation = "linear"): tf.Tensor {
  return fusedDense(x, p.kernel, p.bias, activation);
}

/** DCGAN-initialised {kernel, bias?} for a dense layer. */
export function denseInit(rng: Rng, inputs: number, outputs: number, bias: boolean): Params {
  const kernel = dcganWeight(rng, [inputs, outputs]);
  return bias ? { kernel, bias: tf.zeros([outputs]) } : { kernel };
}
