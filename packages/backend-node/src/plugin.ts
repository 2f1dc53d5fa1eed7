// The plugin object: provides backends "node-gpu" and "node" by name, for useBackend(registry, [...])
// and pipeline specs (`backend: [node-gpu, wasm, cpu]`).
import { definePlugin, entry } from "@gantry/core";
import pkg from "../package.json" with { type: "json" };
import { node, nodeGpu } from "./node-backend.js";

export const backendNodePlugin = definePlugin({
  name: "@gantry/backend-node",
  version: pkg.version,
  provides: [
    entry({ kind: "backend", name: "node-gpu", description: "TensorFlow C library with CUDA (needs @tensorflow/tfjs-node-gpu)", create: () => nodeGpu }),
    entry({ kind: "backend", name: "node", description: "TensorFlow C library on the CPU (needs @tensorflow/tfjs-node)", create: () => node }),
  ],
});
