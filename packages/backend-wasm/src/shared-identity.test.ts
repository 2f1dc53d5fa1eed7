// wasm's Identity is Gantry's by-reference kernel (core's sharedIdentityKernel): clones share the data,
// the data lives until its last tensor is disposed, memory bookkeeping returns to where it was, and
// gradients that save their inputs (the clones) are unchanged.
import { beforeAll, describe, expect, it } from "vitest";
import { tf, useBackend, isGantryKernel } from "@gantry/core";
import { expectNoTensorLeak } from "@gantry/testing";
import { wasm } from "./node.js";

describe("wasm Identity by reference", () => {
  beforeAll(async () => {
    await useBackend(wasm, { log: () => {} });
  });

  it("is Gantry's kernel on wasm", () => {
    expect(isGantryKernel("Identity", "wasm")).toBe(true);
  });

  it("a clone shares x's data, outlives x and frees the data with the last reference", async () => {
    const before = tf.memory();
    const x = tf.tensor1d([1, 2, 3]);
    const y = tf.clone(x);
    expect(y.dataId).toBe(x.dataId);
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers + 1);
    x.dispose();
    expect(Array.from(await y.data())).toEqual([1, 2, 3]);
    y.dispose();
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers);
    expect(tf.memory().numTensors).toBe(before.numTensors);
    // The wasm heap block is released too: a new tensor of the same size reuses nothing stale.
    const z = tf.tensor1d([4, 5, 6]);
    expect(Array.from(await z.data())).toEqual([4, 5, 6]);
    z.dispose();
  });

  it("string tensors still go through the stock kernel", async () => {
    await expectNoTensorLeak(async () => {
      const s = tf.tensor1d(["a", "bc"], "string");
      const c = tf.clone(s);
      expect(await c.data()).toEqual(["a", "bc"]);
      tf.dispose([s, c]);
    });
  });

  it("gradients through saved inputs are unchanged: d/dx Σ x·sin(x) = sin(x) + x·cos(x)", async () => {
    await expectNoTensorLeak(async () => {
      const pts = [-1.3, 0.2, 0.9, 2.4];
      const g = tf.tidy(() => tf.grad((v: tf.Tensor) => tf.sum(tf.mul(v, tf.sin(v))))(tf.tensor1d(pts)));
      const got = await g.data();
      g.dispose();
      pts.forEach((p, i) => expect(got[i]).toBeCloseTo(Math.sin(p) + p * Math.cos(p), 5));
    });
  });
});
