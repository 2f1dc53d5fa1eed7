// Is the Vulkan loader (libvulkan.so.1) installed? Dawn dlopens it on Linux and, without it, simply
// finds no adapter; this probe lets the error say "apt-get install libvulkan1" instead of "no adapter".
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const standardDirs = [
  "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu",
  "/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/lib",
];

/** True when libvulkan.so.1 is in LD_LIBRARY_PATH, a standard library directory or the ld.so cache. */
export function hasVulkanLoader(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const dirs = [...(env.LD_LIBRARY_PATH ?? "").split(":").filter(Boolean), ...standardDirs];
  if (dirs.some((d) => existsSync(join(d, "libvulkan.so.1")))) return true;
  return inLdCache("libvulkan.so.1");
}

function inLdCache(soname: string): boolean {
  try {
    // /etc/ld.so.cache stores sonames as NUL-terminated strings; a byte search is enough here.
    return readFileSync("/etc/ld.so.cache").includes(Buffer.from(`${soname}\0`));
  } catch {
    return false;
  }
}
