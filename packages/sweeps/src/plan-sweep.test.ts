import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isGantryError, type GantryError } from "@gantry/core";
import { parseSpecText } from "@gantry/pipeline";
import { describe, expect, it } from "vitest";
import { materializeSweep, planSweep } from "./plan-sweep.js";
import { loadSweepFile } from "./sweep-file.js";
import { toyPrepare, toySpec } from "./test-support/toy-training.js";

function sweepDir(sweep: string, base = toySpec(20)): string {
  const dir = mkdtempSync(join(tmpdir(), "gantry-plan-"));
  writeFileSync(join(dir, "toy.yaml"), base);
  writeFileSync(join(dir, "sweep.yaml"), sweep);
  return join(dir, "sweep.yaml");
}

const prepare = toyPrepare();
const validate = (loaded: Parameters<typeof prepare>[0]) => prepare(loaded);

async function planError(file: string): Promise<GantryError> {
  try {
    await planSweep(loadSweepFile(file), validate);
  } catch (e) {
    if (isGantryError(e)) return e;
    throw e;
  }
  throw new Error("expected the plan to fail");
}

describe("planSweep", () => {
  it("writes each run's spec: overrides, seed and name in place, the base's comments kept", async () => {
    const plan = await planSweep(loadSweepFile(sweepDir("name: toys\nbase: toy.yaml\nseeds: [1, 2]\ngrid:\n  nodes.train.params.steps: [7, 9]\n  sinks.checkpoint.every: [3]\n")), validate);
    expect(plan.runs).toHaveLength(4);
    const run = plan.runs[0];
    expect(run.specText).toMatch(/^# a toy run\n/);
    const { spec } = parseSpecText(run.specText);
    expect(spec).toMatchObject({ name: `toys.${run.id}`, seed: 1, nodes: { train: { params: { steps: 7 } } }, sinks: { checkpoint: { every: 3, keep: 2 } } });
    expect(parseSpecText(plan.runs[3].specText).spec).toMatchObject({ seed: 2, nodes: { train: { params: { steps: 9 } } } });
  });

  it("names the sweep file's line for a path that leads nowhere, with a did-you-mean", async () => {
    const e = await planError(sweepDir("name: toys\nbase: toy.yaml\nseeds: [1]\ngrid:\n  nodes.trian.params.steps: [7]\n"));
    expect(e.code).toBe("SWEEP_BAD_PATH");
    expect(e.where).toMatchObject({ line: 5, field: "grid.nodes.trian.params.steps" });
    expect(e.message).toMatch(/sweep\.yaml:5.*"nodes\.trian\.params\.steps": "nodes" of .*toy\.yaml has no "trian"; did you mean "train"\?/);
  });

  it("validates every run before anything is enqueued, one issue per problem with the runs it hits", async () => {
    const e = await planError(sweepDir("name: toys\nbase: toy.yaml\nseeds: [1, 2]\ngrid:\n  nodes.train.params.steps: [5, -1, 0.5]\n"));
    expect(e.code).toBe("SPEC_BAD_PARAMS");
    expect(e.issues).toHaveLength(2);
    expect(e.issues[0].message).toMatch(/ \(set by .*sweep\.yaml:5\) \[s1-\w+ \(steps=-1\), s2-\w+ \(steps=-1\)\]$/);
    expect(e.issues[1].message).toMatch(/steps=0\.5/);
    expect(e.issues[0].where).toMatchObject({ node: "train", field: "params.steps" });
    expect(e.issues[0].where.file).toMatch(/toy\.yaml$/);
  });

  it("requires checkpoints, so that a crashed run resumes", async () => {
    const e = await planError(sweepDir("name: toys\nbase: toy.yaml\nseeds: [1]\n", toySpec(5).replace(/sinks:[\s\S]*$/, "")));
    expect(e.code).toBe("SWEEP_NO_CHECKPOINTS");
    expect(e.message).toMatch(/\[every run\]/);
  });

  it("materializes without a registry (status and results need only the IDs)", () => {
    const plan = materializeSweep(loadSweepFile(sweepDir("name: toys\nbase: toy.yaml\nseeds: [4]\n")));
    expect(plan.runs.map((r) => r.seed)).toEqual([4]);
  });
});
