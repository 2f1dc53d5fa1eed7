// Whether python3 with the given modules is on this machine, for cross-checks against numpy/scipy
// that skip (with a message) where Python is absent. Not a runtime dependency of anything.
import { execFileSync } from "node:child_process";

const cache = new Map<string, boolean>();

export function hasPythonModules(...modules: readonly string[]): boolean {
  const key = modules.join(",");
  if (!cache.has(key)) {
    try {
      execFileSync("python3", ["-c", modules.map((m) => `import ${m}`).join("; ") || "pass"], { stdio: "ignore" });
      cache.set(key, true);
    } catch {
      cache.set(key, false);
    }
  }
  return cache.get(key)!;
}
