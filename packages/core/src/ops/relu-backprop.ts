// ReLU's backward pass, dy · step(y), as one kernel that a backend may provide (the native backend does):
// one pass over dy and y instead of Step and Multiply, with their values (NaN in y gives NaN, and dy · 0
// keeps its sign and NaN). fusedDense's gradient uses it for its ReLU mask. Its own gradient is itself
// with respect to dy (the same mask) and zero with respect to y, so it differentiates to any order.
import * as tf from "@tensorflow/tfjs-core";

/** The kernel name a backend registers an implementation under. Inputs dy and y, the same shape. */
export const ReluBackprop = "GantryReluBackprop";

/** dy · step(y): the same numbers as tf.mul(dy, tf.step(y)), through the backend's kernel where it has one. */
export function reluBackprop(dy: tf.Tensor, y: tf.Tensor): tf.Tensor {
  if (tf.getKernel(ReluBackprop, tf.getBackend()) !== undefined && dy.dtype === "float32" && y.dtype === "float32" && tf.util.arraysEqual(dy.shape, y.shape)) {
    return tf.engine().runKernel(ReluBackprop, { dy, y }) as tf.Tensor;
  }
  return tf.tidy(() => tf.mul(dy, tf.step(y)));
}

export const reluBackpropGrad: tf.GradConfig = {
  kernelName: ReluBackprop,
  inputsToSave: ["y"],
  gradFunc: (ddz, saved) => {
    const [y] = saved;
    return { dy: () => reluBackprop(ddz as tf.Tensor, y), y: () => tf.zerosLike(y) };
  },
};
