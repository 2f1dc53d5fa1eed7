#!/usr/bin/env node
// Runs every test file that takes its backend from the test matrix (describeBackends/testBackendNames:
// the gradient, kernel, loss, regularizer, training and metric suites) on the native backend
// (@gantry/backend-native: OpenBLAS through its addon; its own kernel-equality tests run in `npm test`),
// where `npm test` runs them on cpu and wasm. Skips with a message
// where the addon was not built (no libopenblas-dev), unless GANTRY_REQUIRE_NATIVE=1 (CI sets it, so
// a broken build fails instead of skipping).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join, relative } from "node:path";

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
const packagesDir = new URL("../packages/", import.meta.url).pathname;

/** The package's test files that run on the backends of GANTRY_TEST_BACKENDS. */
function matrixTests(dir) {
  const found = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".test.ts") && /\b(describeBackends|testBackendNames)\(/.test(readFileSync(p, "utf8"))) found.push(relative(dir, p));
    }
  };
  if (existsSync(join(dir, "src"))) walk(join(dir, "src"));
  return found.sort();
}

for (const pkg of readdirSync(packagesDir).filter((p) => !p.startsWith("backend-")).sort()) {
  const dir = join(packagesDir, pkg);
  const files = matrixTests(dir);
  if (files.length === 0) continue;
  const started = performance.now();
  const r = spawnSync("npx", ["vitest", "run", ...files], { cwd: dir, stdio: "inherit", env: { ...process.env, GANTRY_TEST_BACKENDS: "native" } });
  console.log(`test:native: ${pkg} (${files.length} files) ${r.status === 0 ? "passed" : "FAILED"} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}
