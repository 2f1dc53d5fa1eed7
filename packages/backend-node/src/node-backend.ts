// Backends over TensorFlow's C library through @tensorflow/tfjs-node-gpu / @tensorflow/tfjs-node,
// optional peers (their install downloads libtensorflow, so Gantry never requires them). setup()
// imports the package dynamically and selects its "tensorflow" backend; it installs nothing.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { GantryError, tf, type Backend } from "@gantry/core";

/** The TF.js backend name both native packages register. */
const TFJS_NODE_BACKEND = "tensorflow";

export interface NodeBackendOptions {
  /** Gantry's name for it, as used in specs and useBackend(registry, [...]): "node-gpu" or "node". */
  readonly name: string;
  /** The npm package that provides it: "@tensorflow/tfjs-node-gpu" or "@tensorflow/tfjs-node". */
  readonly packageName: string;
  /** Loads the package; default a dynamic import(). Tests pass a fake. */
  readonly importer?: (packageName: string) => Promise<unknown>;
}

/** Resolves from this package (so a missing package fails with MODULE_NOT_FOUND), then imports. */
async function defaultImporter(packageName: string): Promise<unknown> {
  const resolved = createRequire(import.meta.url).resolve(packageName);
  return import(/* @vite-ignore */ pathToFileURL(resolved).href);
}

/** A Backend that activates a native TF.js package when it is installed. */
export function nodeBackend(options: NodeBackendOptions): Backend {
  const importer = options.importer ?? defaultImporter;
  return Object.freeze({
    name: options.name,
    async setup(): Promise<void> {
      try {
        await importer(options.packageName);
      } catch (e) {
        throw isNotFound(e, options.packageName) ? notInstalled(options) : loadFailed(options, e);
      }
      if (!tf.findBackendFactory(TFJS_NODE_BACKEND)) throw noBackendRegistered(options);
      if (!(await tf.setBackend(TFJS_NODE_BACKEND))) throw loadFailed(options, new Error(`tf.setBackend("${TFJS_NODE_BACKEND}") failed`));
      await tf.ready();
    },
  });
}

/** CUDA build of TensorFlow: the fastest backend on a machine with an NVIDIA GPU. */
export const nodeGpu: Backend = nodeBackend({ name: "node-gpu", packageName: "@tensorflow/tfjs-node-gpu" });

/** CPU build of TensorFlow (multi-threaded, much faster than wasm or cpu). */
export const node: Backend = nodeBackend({ name: "node", packageName: "@tensorflow/tfjs-node" });

function isNotFound(e: unknown, packageName: string): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  const code = typeof err?.code === "string" ? err.code : "";
  const message = typeof err?.message === "string" ? err.message : String(e);
  if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") return message.includes(packageName);
  return /cannot find (package|module)|failed to (resolve|load)/i.test(message) && message.includes(packageName);
}

function installHint(o: NodeBackendOptions): string {
  const gpu = o.packageName.endsWith("-gpu")
    ? " It runs on Linux x64 with an NVIDIA GPU, its driver, and the CUDA toolkit and cuDNN versions that tfjs-node-gpu's README lists."
    : "";
  return `npm install ${o.packageName}@4.22.0 (its install script downloads libtensorflow, so it needs network access).${gpu} ` +
    `Without it, @gantry/backend-wasm and @gantry/backend-cpu still work: useBackend([${o.name === "node-gpu" ? "nodeGpu" : "node"}, wasm, cpu]) falls through to them.`;
}

function notInstalled(o: NodeBackendOptions): GantryError {
  return new GantryError("BACKEND_NOT_INSTALLED", `backend ${o.name} needs ${o.packageName}, which is not installed`, { hint: installHint(o) });
}

function loadFailed(o: NodeBackendOptions, cause: unknown): GantryError {
  const why = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
  return new GantryError("BACKEND_LOAD_FAILED", `backend ${o.name}: ${o.packageName} is installed but failed to load: ${why}`, {
    cause,
    hint: `reinstall ${o.packageName} (npm rebuild ${o.packageName}); for node-gpu check the CUDA/cuDNN libraries are on LD_LIBRARY_PATH. wasm and cpu remain available.`,
  });
}

function noBackendRegistered(o: NodeBackendOptions): GantryError {
  return new GantryError("BACKEND_LOAD_FAILED", `backend ${o.name}: ${o.packageName} loaded but registered no "${TFJS_NODE_BACKEND}" backend with Gantry's @tensorflow/tfjs-core`, {
    hint: `install the same version as @tensorflow/tfjs-core (4.22.0) so npm keeps one copy of tfjs-core (check with npm ls @tensorflow/tfjs-core)`,
  });
}
