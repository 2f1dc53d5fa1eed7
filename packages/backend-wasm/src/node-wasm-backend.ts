// The wasm backend in Node: its .wasm files found next to the installed @tensorflow/tfjs-backend-wasm
// (node:module's resolver), so no option is needed. Node-only (@gantry/backend-wasm/node).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Backend } from "@gantry/core";
import { wasmBackend } from "./wasm-backend.js";

/** The folder of tfjs-backend-wasm's main file, where its .wasm binaries sit, with a trailing "/". */
export function wasmDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm")), "/");
}

/** The wasm backend, its .wasm files located on disk when set up. */
export const wasm: Backend = Object.freeze({
  name: "wasm",
  setup: () => wasmBackend({ wasmPaths: wasmDir() }).setup(),
});
