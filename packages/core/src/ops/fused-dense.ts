// A dense layer's act(x·W + b) as one kernel that a backend may provide (the native backend does), with
// its gradient. Unfused, under a gradient tape, one ReLU layer is 3 kernel calls plus 5 clones of the
// tensors their gradients save (TF.js's Engine.saveTensorsForBackwardMode); fused it is 1 call plus 3
// clones (x, W, y), and the backward pass skips the bias gradient's reshapes. On small networks TF.js's
// per-call cost is a large part of a training step (docs/performance.md).
// Where the current backend has no such kernel, fusedDense runs the unfused ops. The gradient is built
// from ops (tf.matMul, tf.sum, and reluBackprop for ReLU's mask), so it is differentiable again (gradient
// penalties, Unrolled GANs), and it computes exactly what the unfused ops' gradients compute: the mask is
// step(y), which equals step(x·W + b) because relu(z) > 0 ⇔ z > 0 (and NaN stays NaN).
import * as tf from "@tensorflow/tfjs-core";
import { reluBackprop } from "./relu-backprop.js";

/** The kernel name a backend registers an implementation under. Inputs x [n, in], kernel [in, out], bias? [out]. */
export const FusedDense = "GantryFusedDense";

/** The activations the kernel applies itself; any other is applied after it by the caller. */
export type FusedDenseActivation = "linear" | "relu";

export interface FusedDenseAttrs {
  readonly activation: FusedDenseActivation;
}

/** Whether fusedDense takes the kernel for these operands: registered on the current backend, float32, rank 2, shapes that fit. */
function kernelFits(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor | undefined): boolean {
  return tf.getKernel(FusedDense, tf.getBackend()) !== undefined &&
    x.rank === 2 && kernel.rank === 2 && x.shape[1] === kernel.shape[0] &&
    x.dtype === "float32" && kernel.dtype === "float32" &&
    (bias === undefined || (bias.rank === 1 && bias.dtype === "float32" && bias.shape[0] === kernel.shape[1]));
}

/**
 * act(x·kernel + bias): the same numbers as tf.matMul, tf.add and tf.relu in that order, and the same
 * gradients, at any order. Operands the kernel does not take (other ranks or dtypes, mismatched shapes)
 * go to those ops, which report TF.js's own errors.
 */
export function fusedDense(x: tf.Tensor, kernel: tf.Tensor, bias?: tf.Tensor, activation: FusedDenseActivation = "linear"): tf.Tensor {
  if (kernelFits(x, kernel, bias)) {
    const attrs: FusedDenseAttrs = { activation };
    return tf.engine().runKernel(FusedDense, bias ? { x, kernel, bias } : { x, kernel }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
  }
  return tf.tidy(() => {
    const z = tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D);
    const biased = bias ? tf.add(z, bias) : z;
    return activation === "relu" ? tf.relu(biased) : biased;
  });
}

/** The kernel's gradient: TF.js's MatMul, Add (bias row) and Relu gradients composed, as ops (ReLU's mask: reluBackprop). */
export const fusedDenseGrad: tf.GradConfig = {
  kernelName: FusedDense,
  inputsToSave: ["x", "kernel"],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, kernel, y] = saved;
    const activation = (attrs as unknown as FusedDenseAttrs).activation;
    const dz = activation === "relu" ? reluBackprop(dy as tf.Tensor, y) : (dy as tf.Tensor);
    return {
      x: () => tf.matMul(dz, kernel, false, true),
      kernel: () => tf.matMul(x, dz, true, false),
      bias: () => tf.sum(dz, 0),
    };
  },
};
