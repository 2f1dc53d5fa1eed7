// The plugin object: provides backend "wasm" by name, for useBackend(registry, ["wasm"]) and specs.
import { definePlugin, entry } from "@gantry/core";
import pkg from "../package.json" with { type: "json" };
import { wasm } from "./wasm-backend.js";

export const backendWasmPlugin = definePlugin({
  name: "@gantry/backend-wasm",
  version: pkg.version,
  provides: [entry({ kind: "backend", name: "wasm", description: "TF.js WebAssembly kernels (XNNPACK, SIMD)", create: () => wasm })],
});
