// Test support: runs one tensor function on the cpu backend and on webgpu and compares the results,
// with webgpu's CPU forwarding off so that its WGSL kernels (not the cpu fallbacks) are what is tested.
import { tf, useBackend } from "@gantry/core";
import { expectNoTensorLeak, testBackend } from "@gantry/testing";
import { expect } from "vitest";
import { webgpu } from "./node-webgpu-backend.js";

const quiet = { log: () => {} };

/** Makes `name` the global backend (webgpu without CPU forwarding) and runs fn there, checking it leaks nothing. */
export async function withBackend<T>(name: "cpu" | "webgpu", fn: () => Promise<T>, label = `${name} run`): Promise<T> {
  await useBackend(name === "cpu" ? await testBackend("cpu") : webgpu({ allowSoftware: true, log: () => {} }), quiet);
  // Small tensors whose values sit on the CPU would otherwise run through tfjs-backend-cpu's code.
  if (name === "webgpu") tf.env().set("WEBGPU_CPU_FORWARD", false);
  return expectNoTensorLeak(fn, label);
}

export async function onBackend(name: "cpu" | "webgpu", f: () => tf.Tensor): Promise<Float32Array> {
  return withBackend(name, async () => {
    const t = tf.tidy(f);
    const data = (await t.data()) as Float32Array;
    t.dispose();
    return data;
  }, `${name} kernel`);
}

/** Same non-finite values at the same places; finite ones within rtol·max|cpu| (float32 sums reorder). */
export function expectClose(got: Float32Array, want: Float32Array, rtol: number, label: string): void {
  expect(got.length, `${label}: length`).toBe(want.length);
  let scale = 0;
  for (const w of want) if (Number.isFinite(w)) scale = Math.max(scale, Math.abs(w));
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as number;
    const g = got[i] as number;
    if (!Number.isFinite(w)) {
      expect(Object.is(g, w) || (Number.isNaN(g) && Number.isNaN(w)), `${label}[${i}]: ${g} vs cpu ${w}`).toBe(true);
      continue;
    }
    worst = Math.max(worst, Math.abs(g - w));
  }
  expect(worst, `${label}: max |webgpu − cpu| vs scale ${scale}`).toBeLessThanOrEqual(rtol * Math.max(scale, 1e-30));
}

/** Compares f on webgpu with f on cpu. */
export async function expectParity(f: () => tf.Tensor, rtol: number, label: string): Promise<void> {
  const want = await onBackend("cpu", f);
  const got = await onBackend("webgpu", f);
  expectClose(got, want, rtol, label);
}
