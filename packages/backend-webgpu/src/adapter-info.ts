// Reading a WebGPU adapter's identity: a one-line description for logs and whether it is a software
// rasteriser (SwiftShader, llvmpipe/lavapipe, WARP), which Gantry only uses when asked to.
import type { AdapterInfoLike } from "./dawn-types.js";

const softwareNames = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render|\bwarp\b|null-backend/i;

export function isSoftwareAdapter(info: AdapterInfoLike): boolean {
  if (info.isFallbackAdapter === true) return true;
  return softwareNames.test([info.vendor, info.architecture, info.device, info.description].join(" "));
}

/** "nvidia ampere (NVIDIA GeForce RTX 3090)" — whatever fields the driver fills in. */
export function describeAdapter(info: AdapterInfoLike): string {
  const head = [info.vendor, info.architecture].filter(Boolean).join(" ") || "unknown vendor";
  const tail = info.description || info.device;
  return tail ? `${head} (${tail})` : head;
}
