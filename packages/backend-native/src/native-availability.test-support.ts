// Whether this machine built the addon. Tests of the native kernels skip where it did not (a machine
// without libopenblas-dev still tests on wasm and cpu); CI sets GANTRY_REQUIRE_NATIVE=1 so a broken
// build fails there instead of skipping.
import { loadAddon, type NativeAddon } from "./addon.js";

const loaded = loadAddon();
const why = loaded.ok ? undefined : loaded.reason;
if (why && process.env.GANTRY_REQUIRE_NATIVE === "1") throw new Error(`GANTRY_REQUIRE_NATIVE=1 but the native addon is unavailable: ${why}`);

export const nativeAvailable = why === undefined;

/** The built addon, for tests that call it directly (inside describe.runIf(nativeAvailable)). */
export function builtAddon(): NativeAddon {
  if (!loaded.ok) throw new Error(`the native addon is unavailable: ${loaded.reason}`);
  return loaded.addon;
}
