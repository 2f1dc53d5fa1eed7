// `gantry eval --param/--json` through main() on a tiny real run: overrides reach the metric, are checked
// by its schema, and --json is one object on stdout.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../main.js";
import { runFolder } from "../test-support/cli-process.js";
import { tinySpec } from "../test-support/tiny-spec.js";

async function gantry(args: readonly string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out, err: err.join("\n") };
}

describe("gantry eval --param / --json", () => {
  let run: string;
  beforeAll(async () => {
    const cwd = mkdtempSync(join(tmpdir(), "gantry-eval-"));
    writeFileSync(join(cwd, "tiny.yaml"), tinySpec("evalp", 4, 2));
    expect((await gantry(["run", join(cwd, "tiny.yaml"), "--runs-dir", join(cwd, "runs")])).code).toBe(0);
    run = runFolder(join(cwd, "runs"), "evalp");
  });

  it("applies --param to a spec metric node and to an auto-wired metric; --json is one object", async () => {
    const node = await gantry(["eval", run, "--metric", "coverage", "--param", "samples=64", "--json"]);
    expect(node.code, node.err).toBe(0);
    expect(node.out).toHaveLength(1);
    const parsed = JSON.parse(node.out[0]) as { step: number; metrics: Record<string, { values: Record<string, number>; details: { samples?: number } }> };
    expect(parsed.step).toBe(4);
    expect(Object.keys(parsed.metrics)).toEqual(["coverage"]);
    // The ring's data is unbounded, so the auto-wired FID needs a bounded reference set too.
    const fid = await gantry(["eval", run, "--metric", "fid", "--param", "samples=64", "--param", "referenceSamples=64", "--json"]);
    expect(fid.code, fid.err).toBe(0);
    expect(JSON.parse(fid.out[0])).toMatchObject({ metrics: { fid: { details: { n: 64, referenceN: 64, extractor: "raw" } } } });
  });

  it("a bad param is an error naming the metric and the field", async () => {
    const unknown = await gantry(["eval", run, "--metric", "fid", "--param", "n=50000"]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toMatch(/CLI_UNKNOWN_PARAM: fid\.params\.n: metric\/fid has no param "n"/);
    expect(unknown.err).toMatch(/samples, batchSize/);
    // --param applies to every named metric, so each must have the field: mode-coverage has no referenceSamples.
    const both = await gantry(["eval", run, "--metric", "coverage,fid", "--param", "referenceSamples=64"]);
    expect(both.err).toMatch(/metric\/mode-coverage has no param "referenceSamples"/);
    const invalid = await gantry(["eval", run, "--metric", "coverage", "--param", "samples=-3"]);
    expect(invalid.err).toMatch(/PARAMS_INVALID: coverage\.params\.samples: /);
    expect(invalid.err).toMatch(/metric\/mode-coverage/);
    const yaml = await gantry(["eval", run, "--metric", "coverage", "--param", "samples=[1"]);
    expect(yaml.code).toBe(2);
    expect(yaml.err).toMatch(/CLI_BAD_PARAM: --param samples=\[1: the value is not valid YAML/);
  });
});
