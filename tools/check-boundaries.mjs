#!/usr/bin/env node
// Enforces docs/architecture.md's dependency direction: core at the bottom, plugin packages on core only,
// pipeline on core only, distributed (sweeps) on pipeline and plugins, cli on top, testing dev-only. Checks package.json dependencies and the
// imports of every non-test source file, and fails (exit 1) with one line per violation.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const packagesDir = join(root, "packages");

// layer → layers it may depend on at run time.
const allowed = {
  "layer:core": [],
  "layer:plugin": ["layer:core"],
  "layer:testing": ["layer:core", "layer:plugin"],
  "layer:pipeline": ["layer:core"],
  "layer:distributed": ["layer:core", "layer:plugin", "layer:pipeline"],
  "layer:cli": ["layer:core", "layer:plugin", "layer:pipeline", "layer:distributed"],
};

const packages = new Map();
for (const dir of readdirSync(packagesDir)) {
  const file = join(packagesDir, dir, "package.json");
  if (!existsSync(file)) continue;
  const pkg = JSON.parse(readFileSync(file, "utf8"));
  const layer = (pkg.nx?.tags ?? []).find((t) => t.startsWith("layer:"));
  packages.set(pkg.name, { dir: join(packagesDir, dir), pkg, layer });
}

const errors = [];
for (const [name, { pkg, layer, dir }] of packages) {
  const where = relative(root, dir);
  if (!layer || !(layer in allowed)) {
    errors.push(`${where}/package.json: nx.tags needs one of ${Object.keys(allowed).join(", ")}`);
    continue;
  }
  const runtime = { ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies };
  for (const dep of Object.keys(runtime)) {
    const target = packages.get(dep);
    if (!target) continue;
    if (!allowed[layer].includes(target.layer)) {
      errors.push(`${where}/package.json: ${name} (${layer}) must not depend on ${dep} (${target.layer}); allowed: ${allowed[layer].join(", ") || "nothing"}`);
    }
  }
  const declared = new Set([...Object.keys(runtime), ...Object.keys(pkg.devDependencies ?? {})]);
  for (const file of sourceFiles(join(dir, "src"))) {
    const text = readFileSync(file, "utf8");
    // A subpath ("@gantry/data/node") counts as its package: the package is what must be a dependency.
    const imports = /^\s*(?:import|export)\b[^;]*?\bfrom\s+["'](@gantry\/[a-z0-9-]+)(?:\/[a-z0-9/-]+)?["']|^\s*import\s+["'](@gantry\/[a-z0-9-]+)(?:\/[a-z0-9/-]+)?["']|\bimport\(\s*["'](@gantry\/[a-z0-9-]+)(?:\/[a-z0-9/-]+)?["']\s*\)/gm;
    for (const m of text.matchAll(imports)) {
      const dep = m[1] ?? m[2] ?? m[3];
      if (dep === name) errors.push(`${relative(root, file)}: imports its own package ${dep}; use a relative import`);
      else if (!runtime[dep]) errors.push(`${relative(root, file)}: imports ${dep}, which ${name} does not list in dependencies`);
    }
  }
  void declared;
}

// No cycles among workspace packages (runtime dependencies).
const visiting = new Set();
const done = new Set();
function visit(name, path) {
  if (done.has(name)) return;
  if (visiting.has(name)) { errors.push(`dependency cycle: ${[...path, name].join(" → ")}`); return; }
  visiting.add(name);
  const { pkg } = packages.get(name);
  for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })) if (packages.has(dep)) visit(dep, [...path, name]);
  visiting.delete(name);
  done.add(name);
}
for (const name of packages.keys()) visit(name, []);

function* sourceFiles(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) yield* sourceFiles(p);
    else if (/\.(ts|mts|js|mjs)$/.test(entry) && !/\.test\.|\.spec\.|test-support/.test(entry)) yield p;
  }
}

if (errors.length) {
  console.error(`dependency boundaries: ${errors.length} violation(s)\n  ${errors.join("\n  ")}`);
  process.exit(1);
}
console.log(`dependency boundaries: ${packages.size} packages ok`);
