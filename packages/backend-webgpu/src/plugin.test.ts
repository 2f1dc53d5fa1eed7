// The plugin provides backend "webgpu" whose params are allowSoftware, adapter and powerPreference.
import { createRegistry } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { backendWebgpuPlugin } from "./node-plugin.js";

describe("backendWebgpuPlugin", () => {
  it("creates a webgpu backend by name, with params checked", () => {
    const registry = createRegistry().use(backendWebgpuPlugin);
    expect(registry.create("backend", "webgpu", { allowSoftware: true, adapter: "nvidia" }).name).toBe("webgpu");
    expect(() => registry.create("backend", "webgpu", { allowSoftware: "yes" })).toThrow();
  });
});
