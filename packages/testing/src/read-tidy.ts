// readTidy: runs a tensor function in tf.tidy and reads its result asynchronously (the webgpu
// backend cannot read synchronously), then disposes it. One device read per call: batch work into it.
import { tf } from "@gantry/core";

/** The values of fn()'s tensor as float64; every tensor fn makes is disposed. */
export async function readTidy(fn: () => tf.Tensor): Promise<Float64Array> {
  const t = tf.tidy(fn);
  try {
    return Float64Array.from(await t.data());
  } finally {
    t.dispose();
  }
}

/** The first element of a function's output as a [1] tensor (scalar functions may return [] or [1]). */
export function firstElement(y: tf.Tensor): tf.Tensor {
  return tf.slice(tf.reshape(y, [-1]), [0], [1]);
}
