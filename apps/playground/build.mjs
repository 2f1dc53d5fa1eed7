#!/usr/bin/env node
// Builds the playground for the browser: bundles src/main.ts (with @gantry/* from their built dist/ and
// @tensorflow/* included) with esbuild into dist/main.js, and copies index.html and tfjs-backend-wasm's
// .wasm binaries beside it, so dist/ works offline from any static server. Build the packages first
// (`npm run build`). Usage: node apps/playground/build.mjs [--watch]
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const OUT = join(HERE, "dist");
const require = createRequire(join(ROOT, "package.json"));
// esbuild comes with tsup (a root devDependency); resolved from the repository, never installed here.
const esbuild = require("esbuild");

function wasmFolder() {
  return join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist");
}

function copyStatic() {
  copyFileSync(join(HERE, "index.html"), join(OUT, "index.html"));
  const wasm = readdirSync(wasmFolder()).filter((f) => f.endsWith(".wasm"));
  if (wasm.length === 0) throw new Error(`no .wasm files in ${wasmFolder()}: reinstall @tensorflow/tfjs-backend-wasm`);
  for (const f of wasm) copyFileSync(join(wasmFolder(), f), join(OUT, f));
  return wasm;
}

/** Bundles the page into apps/playground/dist; returns what it wrote. */
export async function buildPlayground({ watch = false, log = console.log } = {}) {
  const missing = ["core", "data", "losses", "models", "regularizers", "unrolled-optimizer", "metrics", "backend-wasm", "backend-webgpu"]
    .filter((p) => !existsSync(join(ROOT, "packages", p, "dist", "index.js")));
  if (missing.length) throw new Error(`playground: no dist/ for ${missing.map((p) => `@gantry/${p}`).join(", ")}: run \`npm run build\` first`);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const options = {
    entryPoints: [join(HERE, "src", "main.ts")], outfile: join(OUT, "main.js"),
    bundle: true, platform: "browser", format: "esm", target: "es2022", minify: !watch, sourcemap: true,
    logLevel: "warning", metafile: true,
    // tsup leaves a bare import of its __export helper chunk in core's dist (sideEffects: false); dropping it is harmless.
    logOverride: { "ignored-bare-import": "silent" },
  };
  const wasm = copyStatic();
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
    log(`playground: watching src/; dist/ at ${OUT}`);
    return { out: OUT, wasm };
  }
  const result = await esbuild.build(options);
  const bytes = result.metafile.outputs[Object.keys(result.metafile.outputs).find((k) => k.endsWith("main.js"))].bytes;
  log(`playground: dist/main.js ${(bytes / 1024).toFixed(0)} kB, ${wasm.length} .wasm files, index.html → ${OUT}`);
  return { out: OUT, wasm };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildPlayground({ watch: process.argv.includes("--watch") }).catch((e) => {
    console.error(e.message ?? e);
    process.exit(1);
  });
}
