// The plugin objects: provide backend "wasm" by name, for useBackend(registry, ["wasm"]) and specs. The
// root one uses tfjs-backend-wasm's default .wasm lookup; @gantry/backend-wasm/node's finds them on disk.
import { definePlugin, entry, type Backend } from "@gantry/core";
import pkg from "../package.json" with { type: "json" };
import { wasm } from "./wasm-backend.js";

/** A plugin providing `backend` as "wasm" (same plugin name for both variants: register one). */
export function wasmPlugin(backend: Backend) {
  return definePlugin({
    name: "@gantry/backend-wasm",
    version: pkg.version,
    provides: [entry({ kind: "backend", name: "wasm", description: "TF.js WebAssembly kernels (XNNPACK, SIMD)", create: () => backend })],
  });
}

export const backendWasmPlugin = wasmPlugin(wasm);
