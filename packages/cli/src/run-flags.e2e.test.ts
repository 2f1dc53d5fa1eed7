// `gantry run --set/--seed` and `gantry resume --from` through main(): the overridden spec is what runs
// and what the run folder keeps, and a rewound resume ends bit-identical to the run it rewound.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { main } from "./main.js";
import { runFolder } from "./test-support/cli-process.js";
import { tinySpec } from "./test-support/tiny-spec.js";

const work = () => mkdtempSync(join(tmpdir(), "gantry-flags-"));

async function gantry(args: readonly string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const code = await main(args, { stdout: () => {}, stderr: (s) => err.push(s) });
  return { code, err: err.join("\n") };
}

const steps = (run: string) => readFileSync(join(run, "events.jsonl"), "utf8").trim().split("\n")
  .map((l) => JSON.parse(l) as { type: string; step?: number }).filter((e) => e.type === "step").map((e) => e.step);
const params = (checkpoint: string) => readFileSync(join(checkpoint, "params.safetensors"));

describe("gantry run --set / --seed", () => {
  it("runs the overridden spec and keeps it as run in spec.yaml", async () => {
    const cwd = work();
    writeFileSync(join(cwd, "tiny.yaml"), tinySpec("flags", 20, 3));
    // The same spec written out with seed 4 and 6 steps: the reference the flags must reproduce.
    writeFileSync(join(cwd, "ref.yaml"), tinySpec("ref", 6, 3).replace("seed: 11", "seed: 4"));
    const r = await gantry(["run", join(cwd, "tiny.yaml"), "--runs-dir", join(cwd, "runs"), "--set", "nodes.train.params.steps=6", "--seed", "4"]);
    expect(r.code, r.err).toBe(0);
    expect((await gantry(["run", join(cwd, "ref.yaml"), "--runs-dir", join(cwd, "runs")])).code).toBe(0);
    const run = runFolder(join(cwd, "runs"), "flags");
    expect(steps(run)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(parse(readFileSync(join(run, "spec.yaml"), "utf8"))).toMatchObject({ seed: 4, nodes: { train: { params: { steps: 6, dSteps: 2 } } } });
    const ref = runFolder(join(cwd, "runs"), "ref");
    expect(params(join(run, "checkpoints", "step-000006")).equals(params(join(ref, "checkpoints", "step-000006")))).toBe(true);
  });

  it("a mistyped path is bad input naming the flag, with a did-you-mean, and creates nothing", async () => {
    const cwd = work();
    writeFileSync(join(cwd, "tiny.yaml"), tinySpec("flags", 20));
    const r = await gantry(["run", join(cwd, "tiny.yaml"), "--runs-dir", join(cwd, "runs"), "--set", "nodes.trian.params.steps=6"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--set nodes\.trian\.params\.steps=6: nodes has no "trian"; did you mean "train"\?/);
    const bad = await gantry(["run", join(cwd, "tiny.yaml"), "--runs-dir", join(cwd, "runs"), "--seed", "abc"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--seed abc: seed: /);
    expect(existsSync(join(cwd, "runs"))).toBe(false);
  });
});

describe("gantry resume --from", () => {
  it("continues from the chosen checkpoint, bit-identical to the run it rewound; newer ones are kept aside", async () => {
    const cwd = work();
    writeFileSync(join(cwd, "tiny.yaml"), tinySpec("rewind", 8, 4));
    expect((await gantry(["run", join(cwd, "tiny.yaml"), "--runs-dir", join(cwd, "runs")])).code).toBe(0);
    const run = runFolder(join(cwd, "runs"), "rewind");
    const uninterrupted = params(join(run, "checkpoints", "step-000008"));

    const wrong = await gantry(["resume", run, "--from", "step-000005"]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/step-000005 is not a checkpoint of the run[\s\S]*its checkpoints are step-000004, step-000008/);

    const r = await gantry(["resume", run, "--from", "step-000004"]);
    expect(r.code, r.err).toBe(0);
    const aside = readdirSync(join(run, "checkpoints")).filter((d) => d.startsWith(".superseded-"));
    expect(aside).toHaveLength(1);
    expect(params(join(run, "checkpoints", aside[0], "step-000008")).equals(uninterrupted)).toBe(true);
    expect(params(join(run, "checkpoints", "step-000008")).equals(uninterrupted)).toBe(true);
    expect(steps(run)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
