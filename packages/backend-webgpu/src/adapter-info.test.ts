// Software-adapter detection and the one-line description used in logs and errors.
import { describe, expect, it } from "vitest";
import { describeAdapter, isSoftwareAdapter } from "./adapter-info.js";
import { intel, nvidia, swiftshader } from "./fake-dawn.test-support.js";

describe("adapter info", () => {
  it("flags SwiftShader, llvmpipe/lavapipe and WARP as software, GPUs not", () => {
    expect(isSoftwareAdapter(swiftshader.info)).toBe(true);
    expect(isSoftwareAdapter({ vendor: "mesa", architecture: "", device: "llvmpipe (LLVM 15.0.6, 256 bits)", description: "" })).toBe(true);
    expect(isSoftwareAdapter({ vendor: "microsoft", architecture: "", device: "", description: "Microsoft Basic Render Driver" })).toBe(true);
    expect(isSoftwareAdapter(nvidia.info)).toBe(false);
    expect(isSoftwareAdapter(intel.info)).toBe(false);
  });

  it("describes vendor, architecture and description", () => {
    expect(describeAdapter(swiftshader.info)).toBe("google swiftshader (SwiftShader driver 5.0.0)");
    expect(describeAdapter({ vendor: "", architecture: "", device: "", description: "" })).toBe("unknown vendor");
  });
});
