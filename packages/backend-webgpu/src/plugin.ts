// The plugin objects: provide backend "webgpu" by name (params allowSoftware, adapter), for
// useBackend(registry, ["webgpu", "wasm"]) and pipeline specs; on navigator.gpu here, on Dawn in
// node-plugin.ts (@gantry/backend-webgpu/node).
import { definePlugin, entry, z, type Backend } from "@gantry/core";
import pkg from "../package.json" with { type: "json" };
import { webgpu, type WebgpuOptions } from "./webgpu-backend.js";

export const webgpuParams = z.object({
  allowSoftware: z.boolean().optional().describe("accept a software adapter such as SwiftShader (tests only)"),
  adapter: z.union([z.string(), z.number().int().min(0)]).optional().describe("part of an adapter name, or its index"),
  powerPreference: z.enum(["high-performance", "low-power"]).optional(),
});

/** A plugin providing backend "webgpu" made by `make` (same plugin name for both variants: register one). */
export function webgpuPlugin(make: (options: WebgpuOptions) => Backend) {
  return definePlugin({
    name: "@gantry/backend-webgpu",
    version: pkg.version,
    provides: [
      entry({
        kind: "backend",
        name: "webgpu",
        description: "TF.js WebGPU kernels (a hardware GPU; software adapters only when allowed)",
        params: webgpuParams,
        create: (p) => make(p),
      }),
    ],
  });
}

export const backendWebgpuPlugin = webgpuPlugin(webgpu);
