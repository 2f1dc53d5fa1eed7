// @gantry/backend-webgpu/node: the webgpu backend and plugin on Dawn (the optional `webgpu` package), Node only.
export { webgpu, webgpuBackend, nodeDeps } from "./node-webgpu-backend.js";
export { backendWebgpuPlugin } from "./node-plugin.js";
export { hasVulkanLoader } from "./vulkan-loader.js";
export { findSwiftShaderIcd } from "./swiftshader-icd.js";
