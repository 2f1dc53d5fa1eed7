// `gantry new plugin` scaffolds a package that a spec can load by name through `plugins`: the test
// installs it (and @gantry/core) into a temporary node_modules and validates and runs its example.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { gantry } from "../test-support/cli-process.js";

const core = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "core");

describe("gantry new plugin", () => {
  it("scaffolds a plugin that a spec loads by package name and trains with", () => {
    const cwd = mkdtempSync(join(tmpdir(), "gantry-plugin-"));
    const made = gantry(["new", "plugin", "gantry-plugin-margin"], cwd);
    expect(made.code, made.stderr).toBe(0);
    const pkg = JSON.parse(readFileSync(join(cwd, "gantry-plugin-margin", "package.json"), "utf8"));
    expect(pkg.peerDependencies["@gantry/core"]).toMatch(/^\^\d+\.\d+\.\d+$/);
    mkdirSync(join(cwd, "node_modules", "@gantry"), { recursive: true });
    symlinkSync(join(cwd, "gantry-plugin-margin"), join(cwd, "node_modules", "gantry-plugin-margin"));
    symlinkSync(core, join(cwd, "node_modules", "@gantry", "core"));
    writeFileSync(join(cwd, "package.json"), "{}\n");
    const spec = join(cwd, "gantry-plugin-margin", "example.yaml");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("steps: 200", "steps: 5"));
    const ok = gantry(["validate", spec], cwd);
    expect(ok.code, ok.stderr).toBe(0);
    const run = gantry(["run", spec, "--runs-dir", "runs"], cwd);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/5 steps in/);
    expect(gantry(["new", "plugin", "gantry-plugin-margin"], cwd).code).toBe(2); // already exists
    expect(gantry(["new", "plugin", "Bad Name"], cwd).stderr).toMatch(/not a valid npm package name/);
  });
});
