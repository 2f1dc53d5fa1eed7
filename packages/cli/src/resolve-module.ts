// Module resolution as Node's ESM loader does it (conditions node, import, default), from a project
// folder or a module: how the CLI finds plugins (default-registry.ts) and a project's own CLI (local-cli.ts).
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { resolve as resolveModule } from "import-meta-resolve";

/** Where `specifier` resolves from `parent` (a module URL), or the resolver's error code. */
export function resolveFrom(specifier: string, parent: string): { url: string } | { code: string } {
  try {
    return { url: resolveModule(specifier, parent) };
  } catch (e) {
    return { code: (e as { code?: string }).code ?? "ERR_MODULE_NOT_FOUND" };
  }
}

/** The parent URL that resolves packages as an `import` in a module of folder `cwd` would. */
export const projectParent = (cwd: string): string => pathToFileURL(join(cwd, "package.json")).href;

/** The real path (symlinks resolved) of a file URL. */
export const realFile = (url: string): string => realpathSync(fileURLToPath(url));
