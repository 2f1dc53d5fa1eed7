// @gantry/backend-wasm/node: the wasm backend and plugin with the .wasm files located on disk (Node only).
export { wasm, wasmDir } from "./node-wasm-backend.js";
export { backendWasmPlugin } from "./node-plugin.js";
