// The backend matrix: which backends a test run covers. Default cpu and wasm (every machine has
// both); GANTRY_TEST_BACKENDS=cpu,wasm,webgpu adds webgpu where it is installed (SwiftShader in CI).
import { GantryError, type Backend } from "@gantry/core";
import { cpu } from "@gantry/backend-cpu";
import { wasm } from "@gantry/backend-wasm";

export type TestBackendName = "cpu" | "wasm" | "webgpu";

const known: readonly TestBackendName[] = ["cpu", "wasm", "webgpu"];

/** Backend names this run tests, from GANTRY_TEST_BACKENDS (default "cpu,wasm"). */
export function testBackendNames(): TestBackendName[] {
  const raw = process.env.GANTRY_TEST_BACKENDS ?? "cpu,wasm";
  const names = raw.split(",").map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!known.includes(n as TestBackendName)) {
      throw new GantryError("TEST_UNKNOWN_BACKEND", `GANTRY_TEST_BACKENDS names unknown backend "${n}"`, { hint: `use any of ${known.join(", ")}` });
    }
  }
  return names as TestBackendName[];
}

/** The Backend object for a test backend name (webgpu is loaded on demand, with software adapters allowed). */
export async function testBackend(name: TestBackendName): Promise<Backend> {
  if (name === "cpu") return cpu;
  if (name === "wasm") return wasm;
  const specifier = "@gantry/backend-webgpu";
  const mod = (await import(/* @vite-ignore */ specifier)) as { webgpu: (o: { allowSoftware: boolean }) => Backend };
  return mod.webgpu({ allowSoftware: true });
}
