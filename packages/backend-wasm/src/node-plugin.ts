// The Node plugin object: backend "wasm" with its .wasm files located on disk. Same plugin name as the
// root one, since it replaces it: register one of the two, not both.
import { wasmPlugin } from "./plugin.js";
import { wasm } from "./node-wasm-backend.js";

export const backendWasmPlugin = wasmPlugin(wasm);
