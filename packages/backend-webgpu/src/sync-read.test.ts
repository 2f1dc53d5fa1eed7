// Synchronous reads of GPU data fail in Node (no OffscreenCanvas): the error must be a GantryError
// that says to read with await; data already on the CPU still reads synchronously.
import { isGantryError, tf } from "@gantry/core";
import { expect, it } from "vitest";
import { describeWebgpu } from "./webgpu-availability.test-support.js";

await describeWebgpu("synchronous reads", () => {
  it("dataSync of a GPU tensor throws WEBGPU_SYNC_READ with the fix", () => {
    tf.env().set("WEBGPU_CPU_FORWARD", false);
    const y = tf.add(tf.tensor1d([1, 2]), 1);
    let error: unknown;
    try {
      y.dataSync();
    } catch (e) {
      error = e;
    }
    y.dispose();
    if (typeof (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas !== "undefined") return; // a runtime that can read sync
    expect(isGantryError(error, "WEBGPU_SYNC_READ")).toBe(true);
    expect(String((error as Error).message)).toMatch(/await t\.data\(\)/);
  });

  it("dataSync of a tensor still on the CPU works", () => {
    const x = tf.tensor1d([1, 2]);
    expect(Array.from(x.dataSync())).toEqual([1, 2]);
    x.dispose();
  });
});
