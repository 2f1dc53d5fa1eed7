// @gantry/backend-webgpu public API, browser-safe: the backend on a page's navigator.gpu. Dawn, the
// Vulkan loader probe and SwiftShader lookup (Node) are in ./node.ts (@gantry/backend-webgpu/node).
export { webgpu, webgpuBackend, releaseWebgpu, createWebgpuBackend, browserDeps, type WebgpuOptions, type WebgpuDeps } from "./webgpu-backend.js";
export { listAdapters, type ListedAdapter } from "./adapter-choice.js";
export { isSoftwareAdapter, describeAdapter } from "./adapter-info.js";
export type { PowerPreference, AdapterInfoLike, AdapterLike, DawnModule, DeviceLike, GpuLike, TfjsWebgpuModule } from "./dawn-types.js";
export { backendWebgpuPlugin } from "./plugin.js";
