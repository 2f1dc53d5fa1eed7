// @gantry/backend-wasm public API, browser-safe: the .wasm files' location is an option (wasmPaths).
// In Node, ./node.ts (@gantry/backend-wasm/node) finds them next to the installed package.
export { wasm, wasmBackend, type WasmOptions, type WasmPaths } from "./wasm-backend.js";
export { backendWasmPlugin } from "./plugin.js";
