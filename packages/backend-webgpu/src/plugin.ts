// The plugin object: provides backend "webgpu" by name (params allowSoftware, adapter), for
// useBackend(registry, ["webgpu", "wasm"]) and pipeline specs.
import { definePlugin, entry, z } from "@gantry/core";
import pkg from "../package.json" with { type: "json" };
import { webgpu } from "./webgpu-backend.js";

export const webgpuParams = z.object({
  allowSoftware: z.boolean().optional().describe("accept a software adapter such as SwiftShader (tests only)"),
  adapter: z.union([z.string(), z.number().int().min(0)]).optional().describe("part of an adapter name, or its index"),
  powerPreference: z.enum(["high-performance", "low-power"]).optional(),
});

export const backendWebgpuPlugin = definePlugin({
  name: "@gantry/backend-webgpu",
  version: pkg.version,
  provides: [
    entry({
      kind: "backend",
      name: "webgpu",
      description: "TF.js WebGPU kernels on Dawn (a hardware GPU; software adapters only when allowed)",
      params: webgpuParams,
      create: (p) => webgpu(p),
    }),
  ],
});
