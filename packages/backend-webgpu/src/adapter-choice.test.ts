// Adapter choice on fake Dawn modules: hardware before software, software only when allowed,
// selection by name part or index, and the list read from Dawn's "Available adapters" error.
import { describe, expect, it } from "vitest";
import { isGantryError } from "@gantry/core";
import { chooseAdapter, listAdapters, type AdapterOutcome } from "./adapter-choice.js";
import { fakeDawn, intel, nvidia, swiftshader } from "./fake-dawn.test-support.js";

const hp = "high-performance" as const;
const picked = (o: AdapterOutcome) => ("none" in o ? undefined : o.adapter.info.vendor);

describe("chooseAdapter", () => {
  it("takes the high-performance hardware adapter", async () => {
    expect(picked(await chooseAdapter(fakeDawn([swiftshader, intel, nvidia]), { allowSoftware: true, powerPreference: hp }))).toBe("nvidia");
  });

  it("falls back to the other power preference before software", async () => {
    expect(picked(await chooseAdapter(fakeDawn([swiftshader, intel]), { allowSoftware: true, powerPreference: hp }))).toBe("intel");
  });

  it("rejects a software adapter unless allowed, and says which", async () => {
    const refused = await chooseAdapter(fakeDawn([swiftshader]), { allowSoftware: false, powerPreference: hp });
    expect(refused).toEqual({ none: true, rejected: swiftshader.info });
    const taken = await chooseAdapter(fakeDawn([swiftshader]), { allowSoftware: true, powerPreference: hp });
    expect("none" in taken ? undefined : taken.software).toBe(true);
  });

  it("reports nothing found", async () => {
    expect(await chooseAdapter(fakeDawn([]), { allowSoftware: true, powerPreference: hp })).toEqual({ none: true });
  });

  it("selects by case-insensitive name part or by index, passing Dawn the full name", async () => {
    const dawn = fakeDawn([nvidia, intel]);
    expect(picked(await chooseAdapter(dawn, { allowSoftware: false, powerPreference: hp, selector: "uhd" }))).toBe("intel");
    expect(dawn.flags.at(-1)).toContain("adapter=Intel(R) UHD Graphics 770");
    expect(picked(await chooseAdapter(dawn, { allowSoftware: false, powerPreference: hp, selector: 0 }))).toBe("nvidia");
    expect(picked(await chooseAdapter(dawn, { allowSoftware: false, powerPreference: hp, selector: "1" }))).toBe("intel");
  });

  it("a named adapter that is missing, or software without allowSoftware, is a GantryError", async () => {
    const dawn = fakeDawn([nvidia, swiftshader]);
    const missing = await chooseAdapter(dawn, { allowSoftware: false, powerPreference: hp, selector: "radeon" }).catch((e: unknown) => e);
    expect(isGantryError(missing, "WEBGPU_ADAPTER_NOT_FOUND")).toBe(true);
    expect((missing as Error).message).toContain("0: NVIDIA GeForce RTX 4090");
    const soft = await chooseAdapter(dawn, { allowSoftware: false, powerPreference: hp, selector: "swift" }).catch((e: unknown) => e);
    expect(isGantryError(soft, "WEBGPU_SOFTWARE_ADAPTER")).toBe(true);
  });
});

describe("listAdapters", () => {
  it("parses Dawn's adapter list", async () => {
    expect(await listAdapters(fakeDawn([nvidia, swiftshader]))).toEqual([
      { backend: "vulkan", name: nvidia.name },
      { backend: "vulkan", name: swiftshader.name },
    ]);
  });
});
