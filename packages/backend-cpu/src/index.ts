// @gantry/backend-cpu public API.
export { cpu } from "./cpu-backend.js";
export { backendCpuPlugin } from "./plugin.js";
