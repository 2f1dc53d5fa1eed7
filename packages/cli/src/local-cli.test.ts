// A global `gantry` defers to the project's own @gantry/cli, so the CLI and the project's plugins share
// one tfjs-core; the check compares real folders, so a symlinked (workspace) install counts as the same.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { localCliEntry } from "./local-cli.js";

const project = mkdtempSync(join(tmpdir(), "gantry-local-cli-"));
const elsewhere = mkdtempSync(join(tmpdir(), "gantry-global-cli-"));
afterAll(() => [project, elsewhere].forEach((d) => rmSync(d, { recursive: true, force: true })));

function fakeCli(root: string): string {
  const dir = join(root, "node_modules", "@gantry", "cli");
  mkdirSync(join(dir, "dist"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "@gantry/cli", type: "module", exports: { ".": { import: "./dist/index.js" } } }));
  writeFileSync(join(dir, "dist", "index.js"), "export const main = async () => 0;\n");
  return dir;
}

describe("localCliEntry", () => {
  const projectCli = fakeCli(project);
  const globalBin = pathToFileURL(join(fakeCli(elsewhere), "dist", "bin.js")).href;

  it("points a global CLI at the project's own install", () => {
    expect(localCliEntry(project, globalBin, {})).toBe(pathToFileURL(join(projectCli, "dist", "index.js")).href);
  });

  it("stays with itself when it is the project's install, also through a symlink", () => {
    expect(localCliEntry(project, pathToFileURL(join(projectCli, "dist", "bin.js")).href, {})).toBeUndefined();
    const linked = mkdtempSync(join(tmpdir(), "gantry-linked-cli-"));
    mkdirSync(join(linked, "node_modules", "@gantry"), { recursive: true });
    symlinkSync(projectCli, join(linked, "node_modules", "@gantry", "cli"));
    expect(localCliEntry(linked, pathToFileURL(join(projectCli, "dist", "bin.js")).href, {})).toBeUndefined();
    rmSync(linked, { recursive: true, force: true });
  });

  it("stays with itself where no @gantry/cli is installed, or when GANTRY_NO_LOCAL_CLI=1", () => {
    const empty = mkdtempSync(join(tmpdir(), "gantry-no-cli-"));
    expect(localCliEntry(empty, globalBin, {})).toBeUndefined();
    rmSync(empty, { recursive: true, force: true });
    expect(localCliEntry(project, globalBin, { GANTRY_NO_LOCAL_CLI: "1" })).toBeUndefined();
  });
});
