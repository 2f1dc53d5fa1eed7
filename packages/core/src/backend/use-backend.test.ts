import { describe, expect, it } from "vitest";
import { createRegistry, definePlugin, entry, isGantryError, tf, useBackend, type Backend } from "../index.js";
import { describeBackends } from "@gantry/testing";

const failing = (name: string): Backend => ({ name, setup: async () => { throw new Error(`${name} is not installed`); } });

describe("useBackend", () => {
  it("falls through failing backends to the first that sets up, and logs the choice", async () => {
    const logs: string[] = [];
    const ok: Backend = { name: "cpu", setup: async () => { await import("@tensorflow/tfjs-backend-cpu"); await tf.setBackend("cpu"); } };
    const name = await useBackend([failing("node-gpu"), ok], { log: (m) => logs.push(m) });
    expect(name).toBe("cpu");
    expect(logs[0]).toMatch(/using backend cpu \(skipped node-gpu: node-gpu is not installed\)/);
  });

  it("resolves names through a registry, and says what failed when nothing sets up", async () => {
    const registry = createRegistry().use(definePlugin({
      name: "fake", version: "1.0.0",
      provides: [entry({ kind: "backend", name: "node-gpu", create: () => failing("node-gpu") })],
    }));
    const err = await useBackend(registry, ["node-gpu", "webgpu"], { log: () => {} }).catch((e) => e);
    expect(isGantryError(err, "BACKEND_UNAVAILABLE")).toBe(true);
    expect(err.message).toMatch(/node-gpu: node-gpu is not installed; webgpu: not registered/);
  });
});

describeBackends("tensor smoke", (backend) => {
  it("runs on the selected backend with gradients registered", () => {
    expect(tf.getBackend()).toBe(backend);
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.square(x)))(tf.tensor1d([1, 2]));
    expect(Array.from(g.dataSync())).toEqual([2, 4]);
  });
});
