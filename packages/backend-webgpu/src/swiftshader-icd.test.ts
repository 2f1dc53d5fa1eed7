// Locating Chromium's SwiftShader manifest: in a known directory, or beside a chromium found on PATH
// (through its symlink), else undefined.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findSwiftShaderIcd } from "./swiftshader-icd.js";
import { hasVulkanLoader } from "./vulkan-loader.js";

function fakeChromiumInstall(): { root: string; real: string } {
  const root = mkdtempSync(join(tmpdir(), "gantry-icd-"));
  const real = join(root, "lib", "chromium");
  mkdirSync(real, { recursive: true });
  writeFileSync(join(real, "chromium"), "");
  writeFileSync(join(real, "vk_swiftshader_icd.json"), "{}");
  mkdirSync(join(root, "bin"));
  symlinkSync(join(real, "chromium"), join(root, "bin", "chromium"));
  return { root, real };
}

describe("findSwiftShaderIcd", () => {
  it("finds the manifest beside the chromium on PATH, through the symlink", () => {
    const { root, real } = fakeChromiumInstall();
    expect(findSwiftShaderIcd({ PATH: join(root, "bin") }, [])).toBe(join(real, "vk_swiftshader_icd.json"));
  });

  it("finds it in a known directory, and returns undefined when there is none", () => {
    const { real } = fakeChromiumInstall();
    expect(findSwiftShaderIcd({ PATH: "" }, [real])).toBe(join(real, "vk_swiftshader_icd.json"));
    expect(findSwiftShaderIcd({ PATH: "" }, [])).toBeUndefined();
  });
});

describe("hasVulkanLoader", () => {
  it("sees libvulkan.so.1 in LD_LIBRARY_PATH", () => {
    const dir = mkdtempSync(join(tmpdir(), "gantry-vk-"));
    writeFileSync(join(dir, "libvulkan.so.1"), "");
    expect(hasVulkanLoader({ LD_LIBRARY_PATH: dir })).toBe(true);
  });
});
