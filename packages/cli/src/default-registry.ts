// The CLI's registry: every first-party plugin, plus the spec's `plugins` (npm packages exporting a
// plugin object), resolved from the current directory. Only the CLI knows concrete plugin packages.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { GantryError, coreOptimizersPlugin, createRegistry, type Plugin, type Registry } from "@gantry/core";
import { backendCpuPlugin } from "@gantry/backend-cpu";
import { backendNodePlugin } from "@gantry/backend-node";
import { backendWasmPlugin } from "@gantry/backend-wasm";
import { backendWebgpuPlugin } from "@gantry/backend-webgpu";
import { dataPlugin } from "@gantry/data";
import { loggersPlugin } from "@gantry/loggers";
import { lossesPlugin } from "@gantry/losses";
import { metricsPlugin } from "@gantry/metrics";
import { modelsPlugin } from "@gantry/models";
import { regularizersPlugin } from "@gantry/regularizers";
import { unrolledOptimizerPlugin } from "@gantry/unrolled-optimizer";

export const firstPartyPlugins: readonly Plugin[] = [
  coreOptimizersPlugin, backendCpuPlugin, backendWasmPlugin, backendNodePlugin, backendWebgpuPlugin,
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

/** Imports an npm package (resolved from `cwd`) and returns the plugin objects it exports. */
export async function loadPluginPackage(name: string, cwd = process.cwd(), file?: string): Promise<Plugin[]> {
  let url: string;
  try {
    url = pathToFileURL(createRequire(join(cwd, "package.json")).resolve(name)).href;
  } catch {
    throw new GantryError("PLUGIN_NOT_INSTALLED", `plugin package "${name}" is not installed`, {
      where: { file, field: "plugins" }, hint: `run \`npm install ${name}\` in ${cwd}, or remove it from plugins`,
    });
  }
  const mod = (await import(url)) as Record<string, unknown>;
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
