// The plugin loader: packages resolve as Node's ESM loader resolves them (exports with only `import`
// or `default` conditions load), and every failure is a GantryError naming the package and what to do.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isGantryError, type GantryError } from "@gantry/core";
import { loadPluginPackage } from "./default-registry.js";

const project = mkdtempSync(join(tmpdir(), "gantry-loader-"));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const PLUGIN_JS = `export const plugin = Object.freeze({ name: "p", version: "1.0.0", provides: Object.freeze([]) });\n`;

function installPackage(name: string, pkg: Record<string, unknown>, files: Record<string, string>, root = project): void {
  const dir = join(root, "node_modules", name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, version: "1.0.0", type: "module", ...pkg }));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
}

async function rejection(p: Promise<unknown>): Promise<GantryError> {
  try {
    await p;
  } catch (e) {
    if (isGantryError(e)) return e;
    throw e;
  }
  throw new Error("expected a GantryError");
}

describe("loadPluginPackage", () => {
  it("loads a plugin whose exports have only types + import conditions (Gantry's own shape)", async () => {
    installPackage("plugin-import-only", { exports: { ".": { types: "./index.d.ts", import: "./index.js" } } }, { "index.js": PLUGIN_JS });
    const plugins = await loadPluginPackage("plugin-import-only", project);
    expect(plugins.map((p) => p.name)).toEqual(["p"]);
  });

  it("loads a plugin with a default condition, and one with a plain string export", async () => {
    installPackage("plugin-default", { exports: { ".": { default: "./main.js" } } }, { "main.js": PLUGIN_JS });
    installPackage("plugin-string", { exports: "./index.js" }, { "index.js": PLUGIN_JS });
    expect(await loadPluginPackage("plugin-default", project)).toHaveLength(1);
    expect(await loadPluginPackage("plugin-string", project)).toHaveLength(1);
  });

  it("says how to fix exports that offer no entry for import", async () => {
    installPackage("plugin-require-only", { exports: { ".": { require: "./index.cjs" } } }, { "index.cjs": "module.exports = {};" });
    const e = await rejection(loadPluginPackage("plugin-require-only", project, "spec.yaml"));
    expect(e.code).toBe("PLUGIN_BAD_EXPORTS");
    expect(e.message).toContain("plugin-require-only");
    expect(e.where).toMatchObject({ file: "spec.yaml", field: "plugins" });
    expect(e.hint).toContain('"import"');
  });

  it("names a package that is not installed and the folder to install it in", async () => {
    const e = await rejection(loadPluginPackage("gantry-plugin-nowhere", project));
    expect(e.code).toBe("PLUGIN_NOT_INSTALLED");
    expect(e.hint).toContain(`npm install gantry-plugin-nowhere`);
    expect(e.hint).toContain(project);
  });

  it("a path-like name that points nowhere is not installed; a plugin that throws on import is named", async () => {
    expect((await rejection(loadPluginPackage("./nowhere/plugin.js", project))).code).toBe("PLUGIN_NOT_INSTALLED");
    installPackage("plugin-throws", { exports: "./index.js" }, { "index.js": "throw new Error('boom at import');\n" });
    const e = await rejection(loadPluginPackage("plugin-throws", project, "spec.yaml"));
    expect(e.code).toBe("PLUGIN_IMPORT_FAILED");
    expect(e.message).toContain("boom at import");
    expect(e.where).toMatchObject({ file: "spec.yaml", field: "plugins" });
  });

  it("refuses a package that exports no plugin object", async () => {
    installPackage("not-a-plugin", { exports: "./index.js" }, { "index.js": "export const x = 1;\n" });
    expect((await rejection(loadPluginPackage("not-a-plugin", project))).code).toBe("PLUGIN_NO_EXPORT");
  });

  it("refuses a plugin that would load a second copy of @tensorflow/tfjs-core, before importing it", async () => {
    const other = mkdtempSync(join(tmpdir(), "gantry-loader-dup-"));
    try {
      installPackage("@tensorflow/tfjs-core", { type: "commonjs", main: "index.js" }, { "index.js": "throw new Error('must not be imported');\n" }, other);
      installPackage("plugin-own-tfjs", { exports: "./index.js" }, { "index.js": "throw new Error('must not be imported');\n" }, other);
      const e = await rejection(loadPluginPackage("plugin-own-tfjs", other));
      expect(e.code).toBe("PLUGIN_DUPLICATE_PACKAGE");
      expect(e.message).toContain("@tensorflow/tfjs-core");
      expect(e.hint).toContain("npx gantry");
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
