// The webgpu backend in Node: Dawn (the optional `webgpu` package) as the WebGPU implementation, with
// the Vulkan loader probe and SwiftShader lookup for its errors and tests, and GANTRY_WEBGPU_* read
// from the environment. Node-only (@gantry/backend-webgpu/node); webgpu-backend.ts does the setup.
import type { Backend } from "@gantry/core";
import type { DawnModule, TfjsWebgpuModule } from "./dawn-types.js";
import { findSwiftShaderIcd } from "./swiftshader-icd.js";
import { hasVulkanLoader } from "./vulkan-loader.js";
import { createWebgpuBackend, type WebgpuDeps, type WebgpuOptions } from "./webgpu-backend.js";

export const nodeDeps: WebgpuDeps = {
  // Specifiers in variables: both packages are optional, so no bundler may try to resolve them.
  importDawn: () => importByName<DawnModule>("webgpu"),
  importTfjsWebgpu: () => importByName<TfjsWebgpuModule>("@tensorflow/tfjs-backend-webgpu"),
  hasVulkanLoader: () => hasVulkanLoader(),
  findSwiftShaderIcd: () => findSwiftShaderIcd(),
  env: process.env,
  platform: process.platform,
  global: globalThis as unknown as Record<string, unknown>,
};

async function importByName<T>(specifier: string): Promise<T> {
  return (await import(/* @vite-ignore */ specifier)) as T;
}

/** A webgpu Backend on Dawn; `setup()` does the work, so creating one is free and never fails. */
export function webgpu(options: WebgpuOptions = {}): Backend {
  return createWebgpuBackend(options, nodeDeps);
}

/** The default instance: hardware adapters only (unless GANTRY_WEBGPU_ALLOW_SOFTWARE=1). */
export const webgpuBackend: Backend = webgpu();
