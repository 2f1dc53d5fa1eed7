// @gantry/backend-wasm public API.
export { wasm } from "./wasm-backend.js";
export { backendWasmPlugin } from "./plugin.js";
