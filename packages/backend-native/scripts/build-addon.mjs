#!/usr/bin/env node
// The install script: builds the addon (native/) with node-gyp against this Node's headers and OpenBLAS.
// It never fails the install: where the build cannot run (no compiler, no libopenblas-dev, no headers),
// it prints one line saying how to get the native backend, and Gantry falls back to wasm.
// GANTRY_NATIVE_SKIP_BUILD=1 skips it (CI jobs that test the fallback).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const notice = (why) =>
  console.log(`@gantry/backend-native: not built (${why}); Gantry will use wasm. To get the native backend: ` +
    "apt-get install libopenblas-dev (and a C compiler), then npm rebuild @gantry/backend-native");

if (process.env.GANTRY_NATIVE_SKIP_BUILD === "1") {
  notice("GANTRY_NATIVE_SKIP_BUILD=1");
  process.exit(0);
}
if (spawnSync("pkg-config", ["--exists", "openblas"]).status !== 0) {
  notice("pkg-config does not find openblas");
  process.exit(0);
}

// npm puts its bundled node-gyp on PATH for install scripts and names it in npm_config_node_gyp; outside
// npm, look for npm's copy next to this Node.
function nodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp;
  const candidates = [join(dirname(process.execPath), "../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js")];
  try {
    candidates.push(createRequire(import.meta.url).resolve("node-gyp/bin/node-gyp.js"));
  } catch {
    // not installed as a package
  }
  return candidates.find((c) => existsSync(c));
}

const gyp = nodeGyp();
if (!gyp) {
  notice("node-gyp not found");
  process.exit(0);
}
const args = [gyp, "rebuild"];
// Build against the installed Node's own headers (no download) where npm was not told where they are.
const headers = join(dirname(process.execPath), "../include/node/node_api.h");
if (!process.env.npm_config_nodedir && existsSync(headers)) args.push(`--nodedir=${join(dirname(process.execPath), "..")}`);
const r = spawnSync(process.execPath, args, { cwd: here, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
if (r.status !== 0) {
  const last = `${r.stderr}`.split("\n").filter((l) => /error/i.test(l)).slice(-3).join(" | ");
  notice(`node-gyp rebuild failed${last ? `: ${last}` : ""}`);
  process.exit(0);
}
console.log("@gantry/backend-native: addon built (OpenBLAS)");
