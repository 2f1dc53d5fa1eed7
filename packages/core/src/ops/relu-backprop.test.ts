// reluBackprop takes a backend's ReluBackprop kernel where one is registered and otherwise runs
// tf.mul(dy, tf.step(y)); either way the values are those ops', and its gradients (dy's: the same mask;
// y's: zero) hold at first and second order. A counting stand-in on cpu takes the native backend's place
// (backend-native's kernel tests check its numbers bit for bit).
import { checkGradient, describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { tf } from "../index.js";
import { ReluBackprop, reluBackprop } from "./relu-backprop.js";

describeBackends("reluBackprop", () => {
  let calls = 0;
  beforeAll(() => {
    const run = (name: string, args: Parameters<tf.KernelFunc>[0]) => tf.getKernel(name, "cpu")!.kernelFunc(args) as tf.TensorInfo;
    tf.registerKernel({
      kernelName: ReluBackprop,
      backendName: "cpu",
      kernelFunc: ({ inputs, backend }) => {
        calls++;
        const { dy, y } = inputs as Record<string, tf.TensorInfo>;
        const mask = run("Step", { inputs: { x: y }, backend, attrs: { alpha: 0 } });
        const out = run("Multiply", { inputs: { a: dy, b: mask }, backend, attrs: {} });
        (backend as tf.KernelBackend).disposeData(mask.dataId);
        return out;
      },
    });
  });
  afterAll(() => tf.unregisterKernel(ReluBackprop, "cpu"));

  it("equals tf.mul(dy, tf.step(y)), ±0, ±∞ and NaN included; the kernel taken where registered", async () => {
    await expectNoTensorLeak(async () => {
      const dy = tf.tensor1d([1, -2, 3, -4, Infinity, NaN, -0, 5, 6, -7]);
      const y = tf.tensor1d([1, 0, -0, -3, 0, 2, 4, NaN, Infinity, -Infinity]);
      calls = 0;
      const got = reluBackprop(dy, y);
      expect(calls).toBe(tf.getBackend() === "cpu" ? 1 : 0);
      const want = tf.tidy(() => tf.mul(dy, tf.step(y)));
      const [g, w] = [Array.from(await got.data()), Array.from(await want.data())];
      g.forEach((v, i) => expect(Object.is(v, w[i]), `element ${i}: ${v} vs ${w[i]}`).toBe(true));
      tf.dispose([dy, y, got, want]);
    });
  });

  it("differentiates to any order: dy's gradient is the mask again, y's is zero (finite differences, second order)", async () => {
    const y = tf.tensor1d([0.5, -1, 2, -0.3, 1.5]);
    const f = (dy: tf.Tensor) => tf.sum(tf.square(tf.mul(reluBackprop(dy, y), tf.tensor1d([1, 2, 3, 4, 5]))));
    const dy = tf.tensor1d([0.3, -0.7, 1.1, 0.4, -0.9]);
    for (const order of [1, 2] as const) {
      const r = await checkGradient(f, dy, { order });
      expect(r.ok, r.message).toBe(true);
    }
    const gy = tf.grad((yy: tf.Tensor) => tf.sum(reluBackprop(dy, yy)))(y);
    expect(Array.from(await gy.data())).toEqual([0, 0, 0, 0, 0]);
    tf.dispose([y, dy, gy]);
  });
});
