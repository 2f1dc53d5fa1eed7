// Test support: a fake Dawn module (adapters described by plain objects) and fake setup dependencies,
// so error paths and adapter choice are tested on any machine, GPU or not.
import type { AdapterInfoLike, AdapterLike, DawnModule, GpuLike } from "./dawn-types.js";
import type { WebgpuDeps } from "./webgpu-backend.js";

export interface FakeAdapterSpec {
  readonly name: string;
  readonly info: AdapterInfoLike;
  readonly powerPreference?: "high-performance" | "low-power";
}

export const nvidia: FakeAdapterSpec = { name: "NVIDIA GeForce RTX 4090", info: { vendor: "nvidia", architecture: "lovelace", device: "", description: "NVIDIA GeForce RTX 4090" } };
export const intel: FakeAdapterSpec = { name: "Intel(R) UHD Graphics 770", powerPreference: "low-power", info: { vendor: "intel", architecture: "gen-12lp", device: "", description: "Intel UHD 770" } };
export const swiftshader: FakeAdapterSpec = { name: "SwiftShader Device (Subzero)", info: { vendor: "google", architecture: "swiftshader", device: "swiftshader-device-subzero-", description: "SwiftShader driver 5.0.0", isFallbackAdapter: true } };

function fakeAdapter(spec: FakeAdapterSpec): AdapterLike {
  return {
    info: spec.info,
    features: new Set<string>(),
    limits: {},
    requestDevice: () => Promise.reject(new Error("fake adapters make no devices")),
  };
}

/** Dawn over the given adapters; `adapters` may be a function, read on every create() (env changes). */
export function fakeDawn(adapters: readonly FakeAdapterSpec[] | (() => readonly FakeAdapterSpec[])): DawnModule & { readonly flags: string[][] } {
  const flags: string[][] = [];
  const list = () => (typeof adapters === "function" ? adapters() : adapters);
  return {
    flags,
    globals: { GPUBufferUsage: { MAP_READ: 1 } },
    create(f: string[]): GpuLike {
      flags.push(f);
      const wanted = f.find((s) => s.startsWith("adapter="))?.slice("adapter=".length);
      // Like Dawn: hardware adapters rank before software ones.
      const present = [...list()].sort((a, b) => Number(a.info.isFallbackAdapter ?? false) - Number(b.info.isFallbackAdapter ?? false));
      return {
        async requestAdapter(options) {
          if (wanted !== undefined) {
            const hit = present.find((a) => a.name.startsWith(wanted));
            if (!hit) throw new Error(`no suitable backends found\nAvailable adapters:\n${present.map((a) => ` * backend: 'vulkan', name: '${a.name}'`).join("\n")}`);
            return fakeAdapter(hit);
          }
          const pp = options?.powerPreference ?? "high-performance";
          const hit = present.find((a) => (a.powerPreference ?? "high-performance") === pp) ?? present[0];
          return hit ? fakeAdapter(hit) : null;
        },
      };
    },
  };
}

export function fakeDeps(dawn: DawnModule | Error, overrides: Partial<WebgpuDeps> = {}): WebgpuDeps {
  return {
    importDawn: () => (dawn instanceof Error ? Promise.reject(dawn) : Promise.resolve(dawn)),
    importTfjsWebgpu: () => Promise.resolve({ WebGPUBackend: class {} as never }),
    hasVulkanLoader: () => true,
    findSwiftShaderIcd: () => undefined,
    env: {},
    platform: "linux",
    global: {},
    ...overrides,
  };
}
