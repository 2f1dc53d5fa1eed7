// The CLI's registry: every first-party plugin, plus the spec's `plugins` (npm packages exporting a
// plugin object), resolved from the current directory. Only the CLI knows concrete plugin packages; it
// takes each browser-safe package's plugin from its /node subpath (the same plugin plus file access).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { GantryError, coreOptimizersPlugin, createRegistry, type Plugin, type Registry } from "@gantry/core";
import { backendCpuPlugin } from "@gantry/backend-cpu";
import { backendNativePlugin } from "@gantry/backend-native";
import { backendNodePlugin } from "@gantry/backend-node";
import { backendWasmPlugin } from "@gantry/backend-wasm/node";
import { backendWebgpuPlugin } from "@gantry/backend-webgpu/node";
import { dataPlugin } from "@gantry/data/node";
import { loggersPlugin } from "@gantry/loggers";
import { lossesPlugin } from "@gantry/losses";
import { metricsPlugin } from "@gantry/metrics/node";
import { modelsPlugin } from "@gantry/models/node";
import { regularizersPlugin } from "@gantry/regularizers";
import { unrolledOptimizerPlugin } from "@gantry/unrolled-optimizer";
import { projectParent, realFile, resolveFrom } from "./resolve-module.js";

export const firstPartyPlugins: readonly Plugin[] = [
  coreOptimizersPlugin, backendCpuPlugin, backendWasmPlugin, backendNativePlugin, backendNodePlugin, backendWebgpuPlugin,
  dataPlugin, lossesPlugin, modelsPlugin, metricsPlugin, regularizersPlugin, unrolledOptimizerPlugin, loggersPlugin,
];

/** "kind/name" → package, for hints when a spec names something no installed plugin provides. */
export const catalog: Readonly<Record<string, string>> = {
  "regularizer/instance-noise": "@gantry/regularizers", "regularizer/roth": "@gantry/regularizers",
  "regularizer/weight-clipping": "@gantry/regularizers", "regularizer/gradient-penalty": "@gantry/regularizers",
  "regularizer/r1": "@gantry/regularizers", "regularizer/r2": "@gantry/regularizers",
  "regularizer/spectral-norm": "@gantry/regularizers", "lookahead/unrolled": "@gantry/unrolled-optimizer",
  "sink/csv": "@gantry/loggers", "sink/tensorboard": "@gantry/loggers",
  "method/adagan": "@gantry/models", "method/madgan": "@gantry/models", "multiGeneratorLoss/mad-gan": "@gantry/losses",
};

function isPlugin(v: unknown): v is Plugin {
  return typeof v === "object" && v !== null && Object.isFrozen(v) && typeof (v as Plugin).name === "string" && Array.isArray((v as Plugin).provides);
}

/**
 * The packages that must be one copy per process: tensors and plugins made by a second tfjs-core or
 * @gantry/core are not the CLI's (a global `gantry` next to a project's own install is the usual cause).
 */
const SHARED = ["@tensorflow/tfjs-core", "@gantry/core"] as const;

function assertSharedCopies(name: string, pluginUrl: string, file: string | undefined): void {
  for (const shared of SHARED) {
    const theirs = resolveFrom(shared, pluginUrl);
    const ours = resolveFrom(shared, import.meta.url);
    if (!("url" in theirs) || !("url" in ours) || realFile(theirs.url) === realFile(ours.url)) continue;
    throw new GantryError("PLUGIN_DUPLICATE_PACKAGE", `plugin "${name}" loads a second copy of ${shared} (${realFile(theirs.url)}; the gantry CLI uses ${realFile(ours.url)})`, {
      where: { file, field: "plugins" },
      hint: "install @gantry/cli in the same project as the plugin and run it with `npx gantry` (or run `npm dedupe`)",
    });
  }
}

/**
 * Imports an npm package resolved from `cwd` as Node's ESM loader resolves it (so `exports` with only an
 * `import` or `default` condition work) and returns the plugin objects it exports (docs/plugins.md).
 */
export async function loadPluginPackage(name: string, cwd = process.cwd(), file?: string): Promise<Plugin[]> {
  const found = resolveFrom(name, projectParent(cwd));
  // The ESM resolver maps a path-like name ("./x.js") to a URL without looking: absent counts as not installed.
  const resolved = "url" in found && found.url.startsWith("file:") && !existsSync(fileURLToPath(found.url)) ? { code: "ERR_MODULE_NOT_FOUND" } : found;
  if (!("url" in resolved)) {
    const notExported = resolved.code === "ERR_PACKAGE_PATH_NOT_EXPORTED" || resolved.code === "ERR_INVALID_PACKAGE_TARGET";
    throw notExported
      ? new GantryError("PLUGIN_BAD_EXPORTS", `plugin package "${name}" is installed but exports no entry point for import (${resolved.code})`, {
        where: { file, field: "plugins" }, hint: `its package.json needs "exports": { ".": { "import": "./index.js" } } (or "default"); see docs/plugins.md`,
      })
      : new GantryError("PLUGIN_NOT_INSTALLED", `plugin package "${name}" is not installed`, {
        where: { file, field: "plugins" }, hint: `run \`npm install ${name}\` in ${cwd}, or remove it from plugins`,
      });
  }
  assertSharedCopies(name, resolved.url, file);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(resolved.url)) as Record<string, unknown>;
  } catch (e) {
    throw new GantryError("PLUGIN_IMPORT_FAILED", `plugin package "${name}" failed to load: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`, {
      where: { file, field: "plugins" }, hint: `fix or reinstall ${name} (importing ${fileURLToPath(resolved.url)} threw), or remove it from plugins`, cause: e,
    });
  }
  const plugins = Object.values(mod).filter(isPlugin);
  if (plugins.length === 0) {
    throw new GantryError("PLUGIN_NO_EXPORT", `package "${name}" exports no plugin object`, {
      where: { file, field: "plugins" }, hint: "a plugin package exports definePlugin({ name, version, provides }) (see `gantry new plugin`)",
    });
  }
  return plugins;
}

export async function defaultRegistry(extraPackages: readonly string[] = [], file?: string): Promise<Registry> {
  const registry = createRegistry();
  for (const p of firstPartyPlugins) registry.use(p);
  for (const name of extraPackages) for (const p of await loadPluginPackage(name, process.cwd(), file)) registry.use(p);
  return registry;
}
