// adam() takes a backend's AdamUpdate kernel only where one is registered and no gradient tape records
// (an Unrolled look-ahead differentiates through the update). A counting JavaScript kernel on cpu stands
// in for the native backend's (whose numbers backend-native's kernel tests check bit for bit).
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { tf } from "../index.js";
import { adam } from "./adam.js";
import { AdamUpdate, fusedAdamAvailable } from "./adam-update-kernel.js";

describeBackends("AdamUpdate kernel", () => {
  let calls = 0;
  beforeAll(() => {
    tf.registerKernel({
      kernelName: AdamUpdate,
      backendName: "cpu",
      kernelFunc: ({ inputs, backend, attrs }) => {
        calls++;
        const cpu = backend as tf.KernelBackend;
        const read = (t: tf.TensorInfo) => cpu.readSync(t.dataId) as Float32Array;
        const { g, m, v, bc1, bc2 } = inputs as Record<string, tf.TensorInfo>;
        const a = attrs as Record<string, number>;
        const f = Math.fround;
        const [gs, ms, vs, c1, c2] = [read(g), read(m), read(v), read(bc1)[0], read(bc2)[0]];
        const m1 = gs.map((gi, i) => f(f(ms[i] * f(a.beta1)) + f(gi * f(a.oneMinusBeta1))));
        const v1 = gs.map((gi, i) => f(f(vs[i] * f(a.beta2)) + f(f(gi * gi) * f(a.oneMinusBeta2))));
        const u = m1.map((mi, i) => f(f(f(mi / c1) / f(f(Math.sqrt(f(v1[i] / c2))) + f(a.eps))) * f(a.negLr)));
        return [m1, v1, u].map((values) => ({ dataId: cpu.write(values, g.shape, "float32"), shape: g.shape, dtype: "float32" as const }));
      },
    });
  });
  afterAll(() => tf.unregisterKernel(AdamUpdate, "cpu"));

  it("is used where registered and no tape records, with the unfused ops' numbers; not under a tape", async ({ skip }) => {
    if (tf.getBackend() !== "cpu") skip();
    await expectNoTensorLeak(async () => {
      const opt = adam({ lr: 0.01, betas: [0.5, 0.9] });
      const params = { w: tf.tensor1d([0.5, -1, 2]) };
      const grads = { w: tf.tensor1d([0.1, -0.3, 0.02]) };
      const state = opt.init(params);
      calls = 0;
      expect(fusedAdamAvailable()).toBe(true);
      const fused = opt.update(grads, state, params, 0);
      expect(calls).toBe(1);
      let underTape = 0;
      let taped: Float32Array | undefined;
      const one = tf.scalar(1);
      tf.grad((x: tf.Tensor) => {
        underTape = fusedAdamAvailable() ? 1 : 0;
        const r = opt.update(grads, state, params, 0);
        taped = r.updates.w.dataSync().slice() as Float32Array;
        return tf.sum(x);
      })(one).dispose();
      one.dispose();
      expect(underTape).toBe(0);
      expect(calls).toBe(1);
      expect(Array.from(await fused.updates.w.data())).toEqual(Array.from(taped!));
      tf.dispose([params.w, grads.w, ...Object.values(state), ...Object.values(fused.updates), ...Object.values(fused.state)]);
    });
  });

  it("is available exactly where the backend registers it (of Gantry's backends, native only)", async ({ skip }) => {
    if (tf.getBackend() === "cpu") skip(); // the counting stand-in above
    expect(fusedAdamAvailable()).toBe(tf.getBackend() === "native");
    expect(fusedAdamAvailable()).toBe(tf.getKernel(AdamUpdate, tf.getBackend()) !== undefined);
  });
});
