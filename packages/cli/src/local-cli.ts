// A globally installed `gantry` run inside a project that has its own @gantry/cli hands over to the
// project's copy, so the CLI, the project's plugins and tfjs-core are one install (docs/plugins.md).
// The same convention as eslint, jest and gulp-cli; GANTRY_NO_LOCAL_CLI=1 turns it off.
import { realpathSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { projectParent, resolveFrom } from "./resolve-module.js";

/** The module URL of the project's own @gantry/cli when it is not this one; undefined otherwise. */
export function localCliEntry(cwd: string, selfUrl: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.GANTRY_NO_LOCAL_CLI === "1") return undefined;
  const found = resolveFrom("@gantry/cli", projectParent(cwd));
  if (!("url" in found)) return undefined;
  // Folders, not files: this process's own bin.js sits beside the index.js a project resolves to.
  const folder = (u: string) => realpathSync(dirname(fileURLToPath(u)));
  return folder(found.url) === folder(selfUrl) ? undefined : found.url;
}
