// Whether this machine built the addon. Tests of the native kernels skip where it did not (a machine
// without libopenblas-dev still tests on wasm and cpu); CI sets GANTRY_REQUIRE_NATIVE=1 so a broken
// build fails there instead of skipping.
import { loadAddon } from "./addon.js";

const loaded = loadAddon();
const why = loaded.ok ? undefined : loaded.reason;
if (why && process.env.GANTRY_REQUIRE_NATIVE === "1") throw new Error(`GANTRY_REQUIRE_NATIVE=1 but the native addon is unavailable: ${why}`);

export const nativeAvailable = why === undefined;
