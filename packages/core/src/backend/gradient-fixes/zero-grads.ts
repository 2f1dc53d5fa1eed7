// Zero gradients for piecewise-constant ops (comparisons, logical ops, ZerosLike, All/Any). TF.js 4.22
// registers none, so any second-order gradient through a mask built from x (leakyRelu, relu6, clip,
// where(x > 0, …), max/min reductions, logSumExp) throws "gradient function not found for Greater".
import * as tf from "@tensorflow/tfjs-core";

/** Binary kernels with inputs a, b whose output is constant almost everywhere. */
export const zeroGradBinaryKernels: readonly string[] = [
  tf.Greater, tf.GreaterEqual, tf.Less, tf.LessEqual, tf.Equal, tf.NotEqual,
  tf.LogicalAnd, tf.LogicalOr, tf.LogicalXor,
];

/** Unary kernels with input x whose output is constant almost everywhere. */
export const zeroGradUnaryKernels: readonly string[] = [tf.LogicalNot, tf.ZerosLike, tf.All, tf.Any];

/** Zeros of the saved input's shape, made from the shape alone so they add no path to the tape. */
const zerosFor = (t: tf.Tensor) => () => tf.zeros(t.shape, "float32");

function binaryZeroGrad(kernelName: string): tf.GradConfig {
  return {
    kernelName,
    inputsToSave: ["a", "b"],
    gradFunc: (_dy, saved) => ({ a: zerosFor(saved[0]), b: zerosFor(saved[1]) }),
  };
}

function unaryZeroGrad(kernelName: string): tf.GradConfig {
  return { kernelName, inputsToSave: ["x"], gradFunc: (_dy, saved) => ({ x: zerosFor(saved[0]) }) };
}

export const zeroGrads: readonly tf.GradConfig[] = [
  ...zeroGradBinaryKernels.map(binaryZeroGrad),
  ...zeroGradUnaryKernels.map(unaryZeroGrad),
];
