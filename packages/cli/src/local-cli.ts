// A globally installed `gantry` run inside a project that has its own @gantry/cli hands over to the
// project's copy, so the CLI, the project's plugins and tfjs-core are one install (docs/plugins.md).
// The same convention as eslint, jest and gulp-cli; GANTRY_NO_LOCAL_CLI=1 turns it off.
import { realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { resolve as resolveModule } from "import-meta-resolve";

/** The module URL of the project's own @gantry/cli when it is not this one; undefined otherwise. */
export function localCliEntry(cwd: string, selfUrl: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.GANTRY_NO_LOCAL_CLI === "1") return undefined;
  let url: string;
  try {
    url = resolveModule("@gantry/cli", pathToFileURL(join(cwd, "package.json")).href);
  } catch {
    return undefined;
  }
  const folder = (u: string) => realpathSync(dirname(fileURLToPath(u)));
  return folder(url) === folder(selfUrl) ? undefined : url;
}
