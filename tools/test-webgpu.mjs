#!/usr/bin/env node
// Runs core's gradient checks and the regularizers' penalty and spectral-norm checks (second order
// through TF.js's webgpu kernels) on webgpu over SwiftShader (CPU Vulkan) when this machine can: needs
// libvulkan1 and Debian's chromium (which ships the SwiftShader ICD). Skips with a message otherwise,
// unless GANTRY_REQUIRE_WEBGPU=1 (CI sets it, so a broken setup fails instead of skipping).
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const icd = ["/usr/lib/chromium/vk_swiftshader_icd.json", "/usr/lib/chromium-browser/vk_swiftshader_icd.json"].find(existsSync);
const vulkan = ["/usr/lib/x86_64-linux-gnu/libvulkan.so.1", "/usr/lib/aarch64-linux-gnu/libvulkan.so.1"].some(existsSync);
if (!icd || !vulkan) {
  const why = `webgpu gradient checks skipped: ${!vulkan ? "libvulkan1" : "chromium (SwiftShader)"} is not installed`;
  if (process.env.GANTRY_REQUIRE_WEBGPU === "1") {
    console.error(`${why}, but GANTRY_REQUIRE_WEBGPU=1`);
    process.exit(1);
  }
  console.log(`${why} (apt-get install libvulkan1 chromium)`);
  process.exit(0);
}
const suites = [
  ["../packages/core", ["src/backend/gradient-"]],
  ["../packages/regularizers", ["src/penalties.test.ts", "src/spectral-norm.test.ts"]],
];
for (const [dir, files] of suites) {
  const r = spawnSync("npx", ["vitest", "run", ...files], {
    cwd: new URL(dir, import.meta.url).pathname, stdio: "inherit",
    env: { ...process.env, GANTRY_TEST_BACKENDS: "webgpu", VK_ICD_FILENAMES: process.env.VK_ICD_FILENAMES ?? icd },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
