// @gantry/backend-node public API.
export { nodeBackend, nodeGpu, node, type NodeBackendOptions } from "./node-backend.js";
export { backendNodePlugin } from "./plugin.js";
