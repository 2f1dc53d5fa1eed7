// Embedding lookup: row y of a [numClasses, dim] table for each int32 label y, computed as
// oneHot(y)·table so that its gradient is a matMul (TF.js's gather gradient needs UnsortedSegmentSum,
// which the wasm backend lacks in 4.22); fine for class counts up to a few thousand. Labels outside
// [0, numClasses) give a zero row (oneHot's rule); they are not checked (that would read the device).
import { tf, type Rng } from "@gantry/core";

export function embedding(labels: tf.Tensor, table: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.matMul(tf.oneHot(labels as tf.Tensor1D, table.shape[0]), table as tf.Tensor2D));
}

/** A [numClasses, dim] table N(0, std²). */
export function embeddingInit(rng: Rng, numClasses: number, dim: number, std: number): tf.Tensor {
  return rng.normal([numClasses, dim], 0, std);
}
