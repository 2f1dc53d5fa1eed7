#!/usr/bin/env node
// Runs the gradient, kernel and training suites of the packages whose tests take a backend (core,
// losses, regularizers, unrolled-optimizer, models) on the native backend (@gantry/backend-native:
// OpenBLAS through its addon; its own kernel-equality tests run in `npm test`). Skips with a message
// where the addon was not built (no libopenblas-dev), unless GANTRY_REQUIRE_NATIVE=1 (CI sets it, so
// a broken build fails instead of skipping).
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const addon = new URL("../packages/backend-native/build/Release/gantry_native.node", import.meta.url).pathname;
if (!existsSync(addon)) {
  const why = `native-backend suites skipped: ${addon} was not built`;
  if (process.env.GANTRY_REQUIRE_NATIVE === "1") {
    console.error(`${why}, but GANTRY_REQUIRE_NATIVE=1 (see the install log of @gantry/backend-native)`);
    process.exit(1);
  }
  console.log(`${why} (apt-get install libopenblas-dev, then npm rebuild @gantry/backend-native)`);
  process.exit(0);
}
for (const pkg of ["core", "losses", "regularizers", "unrolled-optimizer", "models"]) {
  const started = performance.now();
  const r = spawnSync("npx", ["vitest", "run"], {
    cwd: new URL(`../packages/${pkg}`, import.meta.url).pathname, stdio: "inherit",
    env: { ...process.env, GANTRY_TEST_BACKENDS: "native" },
  });
  console.log(`test:native: ${pkg} ${r.status === 0 ? "passed" : "FAILED"} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}
