import { afterEach, describe, expect, it } from "vitest";
import { MathBackendCPU } from "@tensorflow/tfjs-backend-cpu";
import { createRegistry, isGantryError, tf, useBackend } from "@gantry/core";
import { expectNoTensorLeak, testBackend } from "@gantry/testing";
import { node, nodeBackend, nodeGpu } from "./node-backend.js";
import { backendNodePlugin } from "./plugin.js";

const quiet = { log: () => {} };

/** What a real tfjs-node does on import: registers a "tensorflow" backend with tfjs-core. */
async function fakeTfjsNode(): Promise<unknown> {
  tf.registerBackend("tensorflow", () => new MathBackendCPU(), 3);
  return {};
}

function missing(packageName: string): Promise<unknown> {
  return Promise.reject(Object.assign(new Error(`Cannot find package '${packageName}' imported from /app/x.js`), { code: "ERR_MODULE_NOT_FOUND" }));
}

describe("node backends", () => {
  afterEach(() => {
    if (tf.findBackendFactory("tensorflow")) tf.removeBackend("tensorflow");
  });

  it("without the native package: BACKEND_NOT_INSTALLED, saying what to install and that wasm/cpu remain", async () => {
    // @tensorflow/tfjs-node-gpu cannot be installed on these machines, so this is the real import.
    const err = await nodeGpu.setup().catch((e: unknown) => e);
    expect(isGantryError(err, "BACKEND_NOT_INSTALLED"), String(err)).toBe(true);
    expect(String(err)).toMatch(/npm install @tensorflow\/tfjs-node-gpu/);
    expect(String(err)).toMatch(/downloads libtensorflow/);
    expect(String(err)).toMatch(/CUDA/);
    expect(String(err)).toMatch(/backend-wasm and @gantry\/backend-cpu still work/);
    const cpuOnly = await node.setup().catch((e: unknown) => e);
    expect(isGantryError(cpuOnly, "BACKEND_NOT_INSTALLED")).toBe(true);
    expect(String(cpuOnly)).toMatch(/npm install @tensorflow\/tfjs-node@/);
  });

  it("useBackend([nodeGpu, wasm]) falls through to wasm when the package is missing, and logs why", async () => {
    const logs: string[] = [];
    const gpu = nodeBackend({ name: "node-gpu", packageName: "@tensorflow/tfjs-node-gpu", importer: missing });
    const chosen = await useBackend([gpu, await testBackend("wasm")], { log: (m) => logs.push(m) });
    expect(chosen).toBe("wasm");
    expect(tf.getBackend()).toBe("wasm");
    expect(logs[0]).toMatch(/using backend wasm \(skipped node-gpu: backend node-gpu needs @tensorflow\/tfjs-node-gpu, which is not installed\)/);
  });

  it("selects the package's backend when its import registers one", async () => {
    const imported: string[] = [];
    const gpu = nodeBackend({ name: "node-gpu", packageName: "@tensorflow/tfjs-node-gpu", importer: (p) => { imported.push(p); return fakeTfjsNode(); } });
    expect(await useBackend([gpu, await testBackend("wasm")], quiet)).toBe("node-gpu");
    expect(imported).toEqual(["@tensorflow/tfjs-node-gpu"]);
    expect(tf.getBackend()).toBe("tensorflow");
    await expectNoTensorLeak(() => tf.tidy(() => tf.tensor1d([1, 2]).dataSync()));
    await useBackend(await testBackend("wasm"), quiet);
  });

  it("reports a package that imports but fails to load, or registers no backend, as BACKEND_LOAD_FAILED", async () => {
    const broken = nodeBackend({ name: "node-gpu", packageName: "@tensorflow/tfjs-node-gpu", importer: () => Promise.reject(new Error("libcudart.so.11.0: cannot open shared object file")) });
    const e1 = await broken.setup().catch((e: unknown) => e);
    expect(isGantryError(e1, "BACKEND_LOAD_FAILED")).toBe(true);
    expect(String(e1)).toMatch(/libcudart/);
    const silent = nodeBackend({ name: "node", packageName: "@tensorflow/tfjs-node", importer: async () => ({}) });
    const e2 = await silent.setup().catch((e: unknown) => e);
    expect(isGantryError(e2, "BACKEND_LOAD_FAILED")).toBe(true);
    expect(String(e2)).toMatch(/npm ls @tensorflow\/tfjs-core/);
  });

  it("the plugin provides node-gpu and node by name, for useBackend(registry, names)", async () => {
    const registry = createRegistry().use(backendNodePlugin);
    expect(registry.create("backend", "node-gpu")).toBe(nodeGpu);
    expect(registry.create("backend", "node")).toBe(node);
    const err = await useBackend(registry, ["node-gpu", "node"], quiet).catch((e: unknown) => e);
    expect(isGantryError(err, "BACKEND_UNAVAILABLE")).toBe(true);
    expect(String(err)).toMatch(/node-gpu: backend node-gpu needs @tensorflow\/tfjs-node-gpu.*; node: backend node needs @tensorflow\/tfjs-node/);
  });
});
