#!/usr/bin/env node
// Checks what `npm publish` would ship, from the packed tarball of every public package: only
// package.json, README.md, LICENSE, CHANGELOG.md and dist/ (plus a per-package allowlist below); every
// file that exports/main/types/bin names; no DESIGN.md (a planning note outside the published tree); no
// README command or path that is neither in the tarball nor a link into the repository; the package
// metadata; then `attw --profile esm-only` and `publint --strict` on the same tarball. Build first
// (`npm run build`); exits 1 on any failure. Usage: node tools/check-packages.mjs [@gantry/name ...]
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const REPO_URL = "https://github.com/gantry-gan/gantry";
const BIN = join(ROOT, "node_modules", ".bin");

/** Files a package ships beyond the defaults, on purpose; anything else outside dist/ fails. */
// backend-native ships its addon's C sources, binding.gyp and install script: it builds at install.
const EXTRA_FILES = { "@gantry/models": ["weights/"], "@gantry/backend-native": ["native/", "binding.gyp", "scripts/build-addon.mjs"] };
const ALWAYS = new Set(["package.json", "README.md", "LICENSE", "CHANGELOG.md"]);
const FORBIDDEN = [
  [/(^|\/)src\//, "source"],
  [/(\.|_)(test|spec)\.[cm]?[jt]sx?$|(^|\/)(__tests__|tests?)\//, "test"],
  [/(^|\/)fixtures?\//, "fixture"],
  [/(^|\/)tsconfig[^/]*\.json$|\.tsbuildinfo$/, "tsconfig"],
  [/(^|\/)(tsup|vitest)[^/]*\.config\.[cm]?[jt]s$/, "build config"],
];
const TEXT = /\.(md|json|[cm]?js|d\.[cm]?ts|map|txt|ya?ml)$|(^|\/)LICENSE$/;
/** Paths a README may show in code without shipping them: a user's own files and outputs. */
const SCRIPT_PATH = /(?:^|[\s"'(=])((?:\.{1,2}\/)?[\w@.-]+\/[\w@./-]*[\w-]\.(?:m?[jt]s|cjs|py|sh|md|ya?ml))(?=$|[\s"'):,;])/g;

// ---------------------------------------------------------------- packing

async function pack(dir, dest) {
  const { stdout } = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dest], { cwd: dir, maxBuffer: 1 << 26 });
  const [info] = JSON.parse(stdout);
  const tgz = join(dest, info.filename);
  const out = join(dest, info.filename.replace(/\.tgz$/, ""));
  await run("mkdir", ["-p", out]);
  await run("tar", ["-xzf", tgz, "-C", out]);
  return { info, tgz, root: join(out, "package"), files: info.files.map((f) => f.path) };
}

// ---------------------------------------------------------------- checks on the unpacked tarball

function checkFileList(name, files) {
  const extra = EXTRA_FILES[name] ?? [];
  const problems = [];
  for (const f of files) {
    const bad = FORBIDDEN.find(([re]) => re.test(f));
    if (bad) problems.push(`${f}: a ${bad[1]} file is shipped (narrow "files" in package.json)`);
    else if (!ALWAYS.has(f) && !f.startsWith("dist/") && !extra.some((e) => f.startsWith(e))) {
      problems.push(`${f}: not package.json, README.md, LICENSE, CHANGELOG.md or dist/ (or list it in EXTRA_FILES in tools/check-packages.mjs)`);
    }
  }
  if (!files.includes("LICENSE")) problems.push(`LICENSE is missing (add "LICENSE" to "files")`);
  return problems;
}

/** Every string target in exports (any depth of conditions), main, types and bin. */
function entryTargets(pkg) {
  const out = [];
  const walk = (v) => (typeof v === "string" ? out.push(v) : v && typeof v === "object" && Object.values(v).forEach(walk));
  walk(pkg.exports);
  for (const k of ["main", "module", "types", "typings"]) if (pkg[k]) out.push(pkg[k]);
  walk(typeof pkg.bin === "string" ? [pkg.bin] : pkg.bin);
  return [...new Set(out)].filter((t) => !t.includes("*"));
}

function checkEntries(pkg, files) {
  const have = new Set(files);
  return entryTargets(pkg)
    .map((t) => normalize(t).replace(/^\.\//, ""))
    .filter((t) => !have.has(t))
    .map((t) => `${t}: named in package.json (exports/main/types/bin) but not in the tarball (build first?)`);
}

function checkTexts(root, files) {
  const problems = [];
  for (const f of files.filter((x) => TEXT.test(x))) {
    const text = readFileSync(join(root, f), "utf8");
    if (/DESIGN\.md/i.test(text)) problems.push(`${f}: mentions DESIGN.md, which is not published; cite docs/architecture.md or an ADR`);
    if (f.endsWith(".map")) problems.push(...checkSourceMap(f, JSON.parse(text)));
  }
  return problems;
}

/** Source maps are shipped on purpose (tools/tsup.preset.ts) and must not point at the unshipped src/. */
function checkSourceMap(f, map) {
  const sources = map.sources ?? [];
  const embedded = map.sourcesContent ?? [];
  const missing = sources.filter((_, i) => typeof embedded[i] !== "string");
  return missing.length ? [`${f}: ${missing.length} source(s) without sourcesContent (${missing[0]}); the map would point at files not shipped`] : [];
}

function checkLicense(root, files) {
  if (!files.includes("LICENSE")) return [];
  const shipped = readFileSync(join(root, "LICENSE"), "utf8");
  return shipped === readFileSync(join(ROOT, "LICENSE"), "utf8") ? [] : ["LICENSE: differs from the root LICENSE (the Apache-2.0 text)"];
}

// ---------------------------------------------------------------- README: what it tells users to run or open

/** Code spans and fenced blocks, where commands and paths live. */
function codeOf(readme) {
  const fenced = [...readme.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]);
  const prose = readme.replace(/^```[^\n]*\n[\s\S]*?^```/gm, "");
  return [...fenced, ...[...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1])];
}

/** Repository paths the README links to, e.g. https://github.com/gantry-gan/gantry/blob/main/benchmarks/x.ts. */
function repoLinks(readme) {
  const re = new RegExp(`${REPO_URL.replace(/[./]/g, "\\$&")}/(?:blob|tree)/main/([^\\s)#"'>]+)`, "g");
  return [...readme.matchAll(re)].map((m) => decodeURIComponent(m[1]).replace(/\/$/, ""));
}

function checkReadme(dir, root, files, ctx) {
  if (!files.includes("README.md")) return { problems: [], notes: ["no README.md"] };
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const have = new Set(files);
  const linked = new Set(repoLinks(readme));
  const problems = [...linked].filter((p) => !existsSync(join(ROOT, p))).map((p) => `README.md: links ${p} in the repository, which does not exist`);
  const shipped = (p) => have.has(normalize(p).replace(/^\.\//, "")) || files.some((f) => f.startsWith(`${normalize(p).replace(/^\.\//, "")}/`));
  for (const [, target] of readme.matchAll(/\]\((?!https?:|mailto:|#)([^)\s]+)\)/g)) {
    const p = target.split("#")[0];
    if (p && !shipped(p)) problems.push(`README.md: relative link ${target} is not in the tarball (link ${REPO_URL}/blob/main/… instead)`);
  }
  for (const code of codeOf(readme)) {
    for (const [, p] of code.matchAll(SCRIPT_PATH)) {
      // ../ paths in examples are relative to a user's file (a sweep's base spec), not to this package.
      if (/^(dist|node_modules|runs)\//.test(p) || /^\.\.\//.test(p) || p.includes("<") || /^https?:/.test(p)) continue;
      const rel = normalize(p).replace(/^\.\//, "");
      const inRepo = [rel, `packages/${dir}/${rel}`];
      if (shipped(p) || inRepo.some((r) => linked.has(r))) continue;
      const where = inRepo.find((r) => existsSync(join(ROOT, r)));
      problems.push(`README.md: \`${p}\` is not in the tarball; ${where ? `link it as ${REPO_URL}/blob/main/${where}` : "and not in the repository either"}`);
    }
    for (const [, script] of code.matchAll(/\bnpm run ([\w:.-]+)/g)) {
      const atRoot = script in ctx.rootScripts && readme.includes(REPO_URL);
      if (!atRoot) problems.push(`README.md: \`npm run ${script}\` is not a script a user of the package can run (a root script needs a link to ${REPO_URL})`);
    }
    for (const [, bin] of code.matchAll(/\bnpx ([\w@/.-]+)/g)) {
      const ours = bin.startsWith("@gantry/") ? ctx.packagesWithBin.has(bin) : !bin.startsWith("gantry") || ctx.ourBins.has(bin);
      if (!ours) problems.push(`README.md: \`npx ${bin}\` is not a command any @gantry package publishes`);
    }
  }
  return { problems, notes: [] };
}

// ---------------------------------------------------------------- package.json metadata

/** ^a.b.c as npm reads it for 0.x and ≥1 majors (enough for our own ranges). */
function caretAllows(range, version) {
  const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  if (!m) return false;
  const [a, b, c] = m.slice(1).map(Number);
  const [x, y, z] = version.split(".").map(Number);
  if (a > 0) return x === a && (y > b || (y === b && z >= c));
  if (b > 0) return x === 0 && y === b && z >= c;
  return x === 0 && y === 0 && z === c;
}

function checkMetadata(dir, pkg, versions) {
  const problems = [];
  const want = {
    license: "Apache-2.0",
    author: "The Gantry authors",
    "repository.url": "git+https://github.com/gantry-gan/gantry.git",
    "repository.directory": `packages/${dir}`,
    homepage: `${REPO_URL}/tree/main/packages/${dir}#readme`,
    "bugs.url": `${REPO_URL}/issues`,
  };
  for (const [key, value] of Object.entries(want)) {
    const got = key.split(".").reduce((o, k) => o?.[k], pkg);
    if (got !== value) problems.push(`package.json: ${key} is ${JSON.stringify(got)}, expected ${JSON.stringify(value)}`);
  }
  if (!Array.isArray(pkg.keywords) || pkg.keywords.length === 0) problems.push("package.json: no keywords");
  if (/^0\.0\./.test(pkg.version)) problems.push(`package.json: version ${pkg.version} is below 0.1.0`);
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [dep, range] of Object.entries(pkg[field] ?? {})) {
      if (versions.has(dep) && !caretAllows(range, versions.get(dep))) {
        problems.push(`package.json: ${field}.${dep} is ${range}, which does not allow the workspace's ${versions.get(dep)}`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------- attw and publint on the tarball

async function tool(cmd, args) {
  try {
    const { stdout, stderr } = await run(join(BIN, cmd), args, { cwd: ROOT, maxBuffer: 1 << 28 });
    return { ok: true, out: stdout + stderr };
  } catch (error) {
    return { ok: false, out: `${error.stdout ?? ""}${error.stderr ?? ""}` || String(error) };
  }
}

// esm-only: our packages are ESM-only on purpose (type: module, engines node >= 20.19), so attw leaves out
// node10 and node16-from-CJS resolution, which can only ever report "CJS resolves to ESM" for them.
async function attw(tgz) {
  const r = await tool("attw", [tgz, "--profile", "esm-only", "--format", "json"]);
  let shown;
  try {
    const problems = JSON.parse(r.out.slice(r.out.indexOf("{"))).problems ?? {};
    const list = Array.isArray(problems) ? problems : Object.values(problems).flat();
    shown = list.filter((p) => !["node10", "node16-cjs"].includes(p.resolutionKind));
  } catch {
    return { ok: false, summary: "FAIL (unreadable output)", detail: r.out.slice(0, 2000) };
  }
  const ok = r.ok && shown.length === 0;
  const kinds = [...new Set(shown.map((p) => p.kind))];
  const detail = shown.map((p) => `${p.kind} at ${p.entrypoint ?? "?"} (${p.resolutionKind ?? "any"})`).join("\n") || "attw exited non-zero";
  return { ok, summary: ok ? "ok" : `FAIL ${kinds.join(",")}`, detail: ok ? "" : `${detail}\n(see \`npx attw --pack packages/<dir> --profile esm-only\`)` };
}

async function publint(tgz) {
  const r = await tool("publint", ["run", tgz, "--strict"]);
  const messages = r.out.split("\n").filter((l) => /^\s*\d+\.|error|warning|suggestion/i.test(l) && !/^Running publint/.test(l));
  return { ok: r.ok, summary: r.ok ? (messages.length ? `ok (${messages.length} suggestion)` : "ok") : "FAIL", detail: r.ok && !messages.length ? "" : r.out };
}

// ---------------------------------------------------------------- driver

function workspacePackages() {
  return readdirSync(join(ROOT, "packages"))
    .filter((d) => existsSync(join(ROOT, "packages", d, "package.json")))
    .map((d) => ({ dir: d, path: join(ROOT, "packages", d), pkg: JSON.parse(readFileSync(join(ROOT, "packages", d, "package.json"), "utf8")) }));
}

async function checkOne(p, ctx, tmp) {
  const problems = [];
  if (!existsSync(join(p.path, "dist"))) problems.push("dist/ is missing: run `npm run build` first");
  problems.push(...checkMetadata(p.dir, p.pkg, ctx.versions));
  const packed = await pack(p.path, tmp);
  problems.push(...checkFileList(p.pkg.name, packed.files), ...checkEntries(p.pkg, packed.files));
  problems.push(...checkTexts(packed.root, packed.files), ...checkLicense(packed.root, packed.files));
  const readme = checkReadme(p.dir, packed.root, packed.files, ctx);
  problems.push(...readme.problems);
  const [a, l] = [await attw(packed.tgz), await publint(packed.tgz)];
  if (!a.ok) problems.push(`attw --profile esm-only:\n${a.detail.trim()}`);
  if (!l.ok) problems.push(`publint --strict:\n${l.detail.trim()}`);
  return { name: p.pkg.name, kB: packed.info.size / 1024, unpackedKB: packed.info.unpackedSize / 1024, files: packed.files.length, attw: a.summary, publint: l.summary, problems, notes: readme.notes };
}

/** Runs `fn` over `items` with at most `n` at a time (npm pack and attw are mostly process start-up). */
async function pool(items, n, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) { const i = next++; results[i] = await fn(items[i]); }
  }));
  return results;
}

function printTable(rows) {
  const head = ["package", "packed kB", "unpacked kB", "files", "attw", "publint", "checks"];
  const body = rows.map((r) => [r.name, r.kB.toFixed(1), r.unpackedKB.toFixed(1), String(r.files), r.attw, r.publint,
    (r.problems.length ? `FAIL (${r.problems.length})` : "ok") + (r.notes.length ? `; note: ${r.notes.join(", ")}` : "")]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i >= 1 && i <= 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  console.log([line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n"));
}

async function main() {
  const started = Date.now();
  const only = process.argv.slice(2);
  const all = workspacePackages();
  const ctx = {
    versions: new Map(all.map((p) => [p.pkg.name, p.pkg.version])),
    ourBins: new Set(all.flatMap((p) => Object.keys(typeof p.pkg.bin === "string" ? { [p.pkg.name.split("/").pop()]: 1 } : p.pkg.bin ?? {}))),
    packagesWithBin: new Set(all.filter((p) => p.pkg.bin).map((p) => p.pkg.name)),
    rootScripts: JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts ?? {},
  };
  const targets = all.filter((p) => !p.pkg.private && (only.length === 0 || only.includes(p.pkg.name)));
  const tmp = mkdtempSync(join(tmpdir(), "gantry-pack-"));
  try {
    const rows = await pool(targets, 4, (p) => checkOne(p, ctx, tmp));
    printTable(rows);
    const failed = rows.filter((r) => r.problems.length);
    for (const r of failed) console.error(`\n${r.name}:\n${r.problems.map((p) => `  - ${p}`).join("\n")}`);
    console.log(`\n${rows.length} packages, ${failed.length} failing, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.exitCode = failed.length ? 1 : 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
