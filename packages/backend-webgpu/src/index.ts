// @gantry/backend-webgpu public API.
export { webgpu, webgpuBackend, releaseWebgpu, type WebgpuOptions } from "./webgpu-backend.js";
export { listAdapters, type ListedAdapter } from "./adapter-choice.js";
export { isSoftwareAdapter, describeAdapter } from "./adapter-info.js";
export type { PowerPreference, AdapterInfoLike } from "./dawn-types.js";
export { backendWebgpuPlugin } from "./plugin.js";
