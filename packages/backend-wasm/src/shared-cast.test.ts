// wasm's Cast is Gantry's (core's sharedCastKernel): a cast to the dtype a tensor already has shares its
// data, as tfjs-backend-cpu's does; real conversions still convert, and gradients that cast their saved
// operands (Multiply's) are unchanged.
import { beforeAll, describe, expect, it } from "vitest";
import { tf, useBackend, isGantryKernel } from "@gantry/core";
import { expectNoTensorLeak } from "@gantry/testing";
import { wasm } from "./node.js";

describe("wasm Cast by reference when the dtype does not change", () => {
  beforeAll(async () => {
    await useBackend(wasm, { log: () => {} });
  });

  it("is Gantry's kernel on wasm", () => {
    expect(isGantryKernel("Cast", "wasm")).toBe(true);
  });

  it("shares x's data for the same dtype, which outlives x", async () => {
    const before = tf.memory();
    const x = tf.tensor1d([1.5, -2, 3]);
    const y = tf.cast(x, "float32");
    expect(y.dataId).toBe(x.dataId);
    x.dispose();
    expect(Array.from(await y.data())).toEqual([1.5, -2, 3]);
    y.dispose();
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers);
    expect(tf.memory().numTensors).toBe(before.numTensors);
  });

  it("converts otherwise: float32 → int32 truncates, bool → float32, int32 → float32", async () => {
    await expectNoTensorLeak(async () => {
      const [f, i, fromBool, toFloat] = tf.tidy(() => {
        const x = tf.tensor1d([1.7, -2.7, 0]);
        const xi = tf.cast(x, "int32");
        return [x, xi, tf.cast(tf.tensor1d([true, false], "bool"), "float32"), tf.cast(xi, "float32")].map((t) => tf.keep(t));
      });
      expect(i.dataId).not.toBe(f.dataId);
      expect(Array.from(await i.data())).toEqual([1, -2, 0]);
      expect(Array.from(await fromBool.data())).toEqual([1, 0]);
      expect(Array.from(await toFloat.data())).toEqual([1, -2, 0]);
      expect(toFloat.dataId).not.toBe(i.dataId);
      tf.dispose([f, i, fromBool, toFloat]);
    });
  });

  it("leaves Multiply's gradient as it was: d/da Σ a·b = b, d/db = a", async () => {
    await expectNoTensorLeak(async () => {
      const [ga, gb] = tf.tidy(() => tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(a, b)))([tf.tensor1d([1, 2]), tf.tensor1d([3, -4])]).map((t) => tf.keep(t)));
      expect(Array.from(await ga.data())).toEqual([3, -4]);
      expect(Array.from(await gb.data())).toEqual([1, 2]);
      tf.dispose([ga, gb]);
    });
  });
});
