// The backend matrix: which backends a test run covers. Default cpu and wasm (every machine has
// both); GANTRY_TEST_BACKENDS=cpu,wasm,webgpu adds webgpu where it is installed (SwiftShader in CI),
// and …,native the OpenBLAS backend where its addon was built (@gantry/backend-native).
import { GantryError, type Backend } from "@gantry/core";
import { cpu } from "@gantry/backend-cpu";
import { wasm } from "@gantry/backend-wasm/node";

export type TestBackendName = "cpu" | "wasm" | "webgpu" | "native";

const known: readonly TestBackendName[] = ["cpu", "wasm", "webgpu", "native"];

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

/**
 * The Backend object for a test backend name. webgpu (with software adapters allowed) and native are
 * loaded on demand: they are optional packages, not dependencies of this one.
 */
export async function testBackend(name: TestBackendName): Promise<Backend> {
  if (name === "cpu") return cpu;
  if (name === "wasm") return wasm;
  if (name === "native") {
    const nativeSpecifier = "@gantry/backend-native";
    return ((await import(/* @vite-ignore */ nativeSpecifier)) as { native: Backend }).native;
  }
  const specifier = "@gantry/backend-webgpu/node";
  const mod = (await import(/* @vite-ignore */ specifier)) as { webgpu: (o: { allowSoftware: boolean }) => Backend };
  return mod.webgpu({ allowSoftware: true });
}
