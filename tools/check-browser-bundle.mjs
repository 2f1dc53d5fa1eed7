#!/usr/bin/env node
// Bundles each browser-safe package's root entry (its built dist/, as a page's bundler would see it) for
// the browser with esbuild, everything included (@tensorflow/* too), and fails (exit 1) when any module
// reached imports a Node built-in (node:* or a name in module.builtinModules), naming the package and
// the import chain that reaches it. Node-only code belongs in the package's `./node` subpath (issue #16).
// A built-in that a package's "browser" field maps away (as tfjs-backend-wasm does for fs and path) is
// fine: esbuild resolves it to an empty module. Build first (`npm run build`). Prints sizes per package.
// Usage: node tools/check-browser-bundle.mjs [@gantry/name ...] (default: every browser-safe package)
import { existsSync, readFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
// esbuild comes with tsup (a root devDependency); resolved from the repository, never installed here.
const esbuild = createRequire(join(ROOT, "package.json"))("esbuild");

/** The packages whose root entry must load in a page (docs/architecture.md; issue #16). */
const BROWSER_SAFE = [
  "@gantry/core", "@gantry/losses", "@gantry/regularizers", "@gantry/unrolled-optimizer", "@gantry/models",
  "@gantry/metrics", "@gantry/data", "@gantry/backend-wasm", "@gantry/backend-webgpu",
];

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isBuiltin = (path) => path.startsWith("node:") || builtins.has(path) || builtins.has(path.split("/")[0]);

/**
 * Lets esbuild resolve a built-in as it would (a "browser" field may map it to an empty module); when it
 * cannot, records who imported it and keeps it external so the bundle (and its metafile) completes.
 */
function builtinProbe(found) {
  return {
    name: "node-builtin-probe",
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.probing || !isBuiltin(args.path)) return undefined;
        const result = await build.resolve(args.path, { importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, pluginData: { probing: true } });
        if (result.errors.length === 0 && !result.external) return undefined; // mapped away (e.g. "util": false): esbuild does it again
        found.push({ builtin: args.path, importer: args.importer });
        return { path: args.path, external: true };
      });
    },
  };
}

/** The import chain entry → … → `file`, by breadth-first search over the metafile's inputs. */
function chainTo(metafile, file) {
  const start = "<stdin>";
  const prev = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length) {
    const at = queue.shift();
    if (at === file) break;
    for (const imp of metafile.inputs[at]?.imports ?? []) {
      if (!imp.external && !prev.has(imp.path)) { prev.set(imp.path, at); queue.push(imp.path); }
    }
  }
  const chain = [];
  for (let at = file; at !== undefined; at = prev.get(at)) chain.unshift(at);
  return chain;
}

async function bundle(name) {
  const found = [];
  const result = await esbuild.build({
    stdin: { contents: `import * as api from ${JSON.stringify(name)};\nglobalThis.__gantryApi = api;\n`, resolveDir: ROOT, loader: "js", sourcefile: "<stdin>" },
    bundle: true, platform: "browser", format: "esm", target: "es2022", minify: true, write: false, metafile: true,
    logLevel: "silent", plugins: [builtinProbe(found)],
  });
  const bytes = result.outputFiles[0].contents;
  const pathOf = (importer) => relative(process.cwd(), importer);
  const leaks = found.map(({ builtin, importer }) => {
    const key = Object.keys(result.metafile.inputs).find((k) => join(ROOT, k) === importer || k === importer) ?? pathOf(importer);
    return { builtin, chain: [...chainTo(result.metafile, key).map((p) => (p === "<stdin>" ? name : p)), builtin] };
  });
  return { name, bytes: bytes.length, gzip: gzipSync(bytes).length, modules: Object.keys(result.metafile.inputs).length, leaks };
}

function printTable(rows) {
  const head = ["package", "modules", "min kB", "min+gz kB", "node built-ins"];
  const body = rows.map((r) => [r.name, String(r.modules), (r.bytes / 1024).toFixed(1), (r.gzip / 1024).toFixed(1),
    r.error ? "BUILD FAILED" : r.leaks.length ? `FAIL (${[...new Set(r.leaks.map((l) => l.builtin))].join(", ")})` : "none"]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i >= 1 && i <= 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  console.log([line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n"));
}

async function main() {
  const only = process.argv.slice(2);
  const names = only.length ? only : BROWSER_SAFE;
  // A subpath ("@gantry/data/node") may be named too, e.g. to see what the check reports for Node-only code.
  const missing = names.filter((n) => !existsSync(join(ROOT, "packages", n.split("/")[1], "dist", "index.js")));
  if (missing.length) {
    console.error(`browser bundle: no dist/ for ${missing.join(", ")}: run \`npm run build\` first`);
    process.exit(1);
  }
  const rows = [];
  for (const name of names) {
    try {
      rows.push(await bundle(name));
    } catch (e) {
      rows.push({ name, bytes: 0, gzip: 0, modules: 0, leaks: [], error: (e.errors ?? []).map((m) => `${m.location?.file ?? "?"}: ${m.text}`).join("\n") || String(e) });
    }
  }
  printTable(rows);
  const failed = rows.filter((r) => r.error || r.leaks.length);
  for (const r of failed) {
    if (r.error) console.error(`\n${r.name}: esbuild could not bundle it for the browser:\n  ${r.error.replace(/\n/g, "\n  ")}`);
    for (const l of r.leaks) {
      console.error(`\n${r.name}: reaches the Node built-in "${l.builtin}":\n  ${l.chain.join("\n  → ")}\n` +
        `  move the module that imports it behind the package's ./node subpath (src/node.ts), or inject it`);
    }
  }
  const version = JSON.parse(readFileSync(join(ROOT, "node_modules", "esbuild", "package.json"), "utf8")).version;
  console.log(`\n${rows.length} packages bundled for the browser (esbuild ${version}, @tensorflow/* included), ${failed.length} failing`);
  process.exitCode = failed.length ? 1 : 0;
}

await main();
