// Generates the API reference (docs/api/, git-ignored) from the TSDoc of every package's public entry
// points: "." is src/index.ts, and each further subpath export "./x" (e.g. "./node") is src/x.ts.
// One TypeDoc program over all packages, with @gantry/* mapped to sources so cross-package types link.
// It does not fail on TSDoc warnings (packages own their comments); it prints them for their owners.
// Usage: node docs/scripts/build-api.mjs (DOCS_API_STRICT=1: also warn on undocumented exports).
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Application, Converter, ReflectionKind } from "typedoc";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const packagesDir = join(root, "packages");

/** Every public entry point: { name: "@gantry/data/node", file: "/…/packages/data/src/node.ts" }. */
function entryPoints() {
  const entries = [];
  for (const dir of readdirSync(packagesDir).sort()) {
    const pkgFile = join(packagesDir, dir, "package.json");
    if (!existsSync(pkgFile)) continue;
    const pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
    for (const subpath of Object.keys(pkg.exports ?? { ".": null })) {
      if (subpath === "./package.json") continue;
      const base = subpath === "." ? "index" : subpath.slice(2);
      const file = join(packagesDir, dir, "src", `${base}.ts`);
      if (existsSync(file)) entries.push({ name: subpath === "." ? pkg.name : `${pkg.name}/${base}`, file });
    }
  }
  return entries;
}

// TS `paths` allow one wildcard, and "@gantry/*" would also swallow "@gantry/data/node": list each.
function writeTsconfig(entries) {
  const dir = join(root, "node_modules/.cache/gantry-docs");
  mkdirSync(dir, { recursive: true });
  const paths = Object.fromEntries(entries.map((e) => [e.name, [e.file]]));
  const tsconfig = {
    extends: join(root, "tsconfig.base.json"),
    compilerOptions: { noEmit: true, allowImportingTsExtensions: true, paths },
    include: [join(packagesDir, "*/src/**/*.ts")],
    exclude: [join(packagesDir, "*/src/**/*.test.ts"), join(packagesDir, "*/src/**/*.testkit.ts")],
  };
  const file = join(dir, "tsconfig.json");
  writeFileSync(file, JSON.stringify(tsconfig, null, 2));
  return file;
}

const entries = entryPoints();
const names = new Map(entries.map((e) => [e.file, e.name]));
const app = await Application.bootstrapWithPlugins({
  entryPoints: entries.map((e) => e.file),
  entryPointStrategy: "resolve",
  tsconfig: writeTsconfig(entries),
  plugin: ["typedoc-plugin-markdown", "typedoc-vitepress-theme"],
  out: join(root, "docs/api"),
  docsRoot: join(root, "docs"),
  name: "API reference",
  readme: "none",
  // TSDoc prose such as "<id>/<group>" would otherwise reach Vue as unclosed HTML tags.
  sanitizeComments: true,
  basePath: root,
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  skipErrorChecking: true,
  hidePageHeader: true,
  // One page per package (entry point): a page per symbol would be ~700 pages, each carrying the whole
  // sidebar in VitePress's site data (300 MB of HTML).
  outputFileStrategy: "modules",
  hideBreadcrumbs: false,
  sourceLinkTemplate: "https://github.com/gantry-gan/gantry/blob/main/{path}#L{line}",
  gitRevision: "main",
  sourceLinkExternal: true,
  logLevel: "Warn",
  // DOCS_API_STRICT=1 also lists every export without a TSDoc comment (for the packages' owners).
  validation: { notExported: true, invalidLink: true, rewrittenLink: true, notDocumented: process.env.DOCS_API_STRICT === "1" },
});

// Name each module by its package (and subpath) instead of its folder ("core/src").
app.converter.on(Converter.EVENT_CREATE_DECLARATION, (_context, reflection) => {
  if (!reflection.kindOf(ReflectionKind.Module)) return;
  const name = names.get(resolve(reflection.sources?.[0]?.fullFileName ?? ""));
  if (name) reflection.name = name;
});

const project = await app.convert();
if (!project) {
  console.error("docs:api: TypeDoc could not convert the packages (see the errors above)");
  process.exit(1);
}
app.validate(project);
await app.generateOutputs(project);
const warnings = app.logger.warningCount;
console.log(`docs:api: ${entries.length} entry points → docs/api/ (${warnings} TypeDoc warning${warnings === 1 ? "" : "s"})`);
if (app.logger.errorCount > 0) process.exit(1);
