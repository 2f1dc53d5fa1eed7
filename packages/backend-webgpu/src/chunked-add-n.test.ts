// tf.addN on webgpu with more inputs than one shader can bind (7 with the default limit of 8 storage
// buffers): same sums as cpu (rtol 1e-6 of scale: a float32 sum of ≤ 20 terms in another order), and
// the partial sums are released (GPU bytes do not grow).
import { tf } from "@gantry/core";
import { expect, it } from "vitest";
import { expectParity } from "./parity.test-support.js";
import { describeWebgpu } from "./webgpu-availability.test-support.js";

const terms = (n: number) => Array.from({ length: n }, (_, i) => tf.randomNormal([3, 5], 0, 1, "float32", i + 1));

await describeWebgpu("AddN with many inputs", () => {
  for (const n of [2, 7, 8, 15, 20]) it(`addN of ${n} tensors matches cpu`, () => expectParity(() => tf.addN(terms(n)), 1e-6, `addN ${n}`));

  it("int32 addN of 9 tensors is exact", () => expectParity(() => tf.cast(tf.addN(Array.from({ length: 9 }, (_, i) => tf.fill([4], i + 1, "int32"))), "float32"), 0, "addN int32"));

  it("releases its partial sums", async () => {
    const xs = terms(20);
    const run = async () => {
      const y = tf.addN(xs);
      await y.data();
      y.dispose();
    };
    await run();
    const bytes = (tf.memory() as { numBytesInGPU?: number }).numBytesInGPU;
    await run();
    expect((tf.memory() as { numBytesInGPU?: number }).numBytesInGPU).toBe(bytes);
    tf.dispose(xs);
  });
});
