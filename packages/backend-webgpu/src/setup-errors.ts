// The GantryErrors that webgpu setup throws: each names what is missing and how to install it, and
// reminds that the wasm and cpu backends still work (useBackend moves on to them).
import { GantryError } from "@gantry/core";
import type { AdapterInfoLike } from "./dawn-types.js";
import { describeAdapter } from "./adapter-info.js";

const fallback = "the wasm and cpu backends (@gantry/backend-wasm, @gantry/backend-cpu) still work without a GPU";

export function notInstalled(pkg: string, cause: unknown): GantryError {
  return new GantryError("WEBGPU_NOT_INSTALLED", `the optional package "${pkg}" is not installed`, {
    hint: `npm i @gantry/backend-webgpu webgpu @tensorflow/tfjs-backend-webgpu (Dawn ships prebuilt for linux-x64, macOS, Windows); ${fallback}`,
    cause,
  });
}

export function noVulkanLoader(): GantryError {
  return new GantryError("WEBGPU_NO_VULKAN_LOADER", "the Vulkan loader libvulkan.so.1 is missing, so Dawn cannot see any GPU", {
    hint: `install it (Debian/Ubuntu: apt-get install libvulkan1; Fedora: dnf install vulkan-loader) plus your GPU's Vulkan driver (mesa-vulkan-drivers, or the NVIDIA driver); ${fallback}`,
  });
}

export function noAdapter(detail: string): GantryError {
  return new GantryError("WEBGPU_NO_ADAPTER", `Dawn found no WebGPU adapter${detail ? ` (${detail})` : ""}`, {
    hint: `install your GPU's Vulkan driver (NVIDIA driver, or mesa-vulkan-drivers for AMD/Intel) and check \`vulkaninfo --summary\`; for tests without a GPU, install chromium and pass allowSoftware: true (SwiftShader); ${fallback}`,
  });
}

export function softwareOnly(info: AdapterInfoLike): GantryError {
  return new GantryError("WEBGPU_SOFTWARE_ADAPTER", `the only WebGPU adapter is a software one: ${describeAdapter(info)}; it is far slower than wasm for training`, {
    hint: `install a GPU Vulkan driver; or, to use it anyway (tests), pass webgpu({ allowSoftware: true }) or set GANTRY_WEBGPU_ALLOW_SOFTWARE=1; ${fallback}`,
  });
}

export function adapterNotFound(selector: string, available: readonly string[]): GantryError {
  const list = available.length ? available.map((n, i) => `${i}: ${n}`).join(", ") : "none";
  return new GantryError("WEBGPU_ADAPTER_NOT_FOUND", `no WebGPU adapter matches "${selector}" (available: ${list})`, {
    hint: "pass adapter (or GANTRY_WEBGPU_ADAPTER) as a case-insensitive part of a name above, or its index",
  });
}

export function setupFailed(step: string, cause: unknown): GantryError {
  const why = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
  return new GantryError("WEBGPU_SETUP_FAILED", `webgpu setup failed while ${step}: ${why}`, { hint: fallback, cause });
}

export function noNavigatorGpu(): GantryError {
  return new GantryError("WEBGPU_UNAVAILABLE", "this page has no WebGPU (navigator.gpu is undefined)", {
    hint: `use a browser with WebGPU enabled (Chrome/Edge 113+, Safari 18+, Firefox 141+) over https or localhost; in Node import webgpu from @gantry/backend-webgpu/node; ${fallback}`,
  });
}
