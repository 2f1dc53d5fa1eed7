// Finds a SwiftShader Vulkan driver manifest (vk_swiftshader_icd.json) shipped with Chromium/Chrome,
// so `allowSoftware` works on a machine without a GPU when no VK_ICD_FILENAMES is set. It does not
// install anything: without a Chromium package it returns undefined.
import { existsSync, realpathSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";

const manifest = "vk_swiftshader_icd.json";

const knownDirs = [
  "/usr/lib/chromium", // Debian/Ubuntu `chromium` (package chromium-common)
  "/usr/lib64/chromium-browser", // Fedora
  "/usr/lib/chromium-browser",
  "/opt/google/chrome", // Google Chrome .deb/.rpm
];

/** Absolute path of a SwiftShader ICD manifest, or undefined when none is installed. */
export function findSwiftShaderIcd(
  env: Readonly<Record<string, string | undefined>> = process.env,
  dirs: readonly string[] = knownDirs,
): string | undefined {
  for (const dir of [...dirs, ...browserDirsOnPath(env.PATH ?? "")]) {
    const file = join(dir, manifest);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** Directories of chromium/chrome executables on PATH (after resolving symlinks to the real install). */
function browserDirsOnPath(path: string): string[] {
  const dirs: string[] = [];
  for (const dir of path.split(delimiter).filter(Boolean)) {
    for (const exe of ["chromium", "chromium-browser", "google-chrome", "chrome"]) {
      const file = join(dir, exe);
      if (!existsSync(file)) continue;
      try {
        dirs.push(dirname(realpathSync(file)));
      } catch {
        // a dangling link: ignore
      }
    }
  }
  return dirs;
}
