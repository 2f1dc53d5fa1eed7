import { GantryError } from "@gantry/core";
import { gantryErrorOf } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { applySpecOverrides, blameOverrides, parseSetFlag, seedOverride } from "./spec-overrides.js";

const spec = `# a tiny spec
name: tiny
nodes:
  data: { use: dataset/ring, params: { batchSize: 64 } }
  critic:
    use: network/mlp
    params:
      hidden: [16, 16]   # two layers
      output: 1
  train:
    use: method/alternating
    params: { steps: 20 }   # keep short
sinks:
  checkpoint: { every: 10, keep: 2 }
`;

/** A node's params, read back from a parsed spec. */
const params = (spec: { nodes: Readonly<Record<string, unknown>> }, node: string) => (spec.nodes[node] as { params: Record<string, unknown> }).params;
const apply = (...flags: string[]) => applySpecOverrides(spec, flags.map(parseSetFlag), "spec.yaml");

const thrown = gantryErrorOf;

describe("--set values are YAML", () => {
  it.each([
    ["500", 500], ["0.5", 0.5], ["true", true], ["adam", "adam"], ["[64, 64]", [64, 64]], ["'500'", "500"], ["{ lr: 0.001 }", { lr: 0.001 }], ["", null],
  ])("%j → %j", (text, value) => {
    expect(parseSetFlag(`a.b=${text}`)).toEqual({ flag: `--set a.b=${text}`, path: ["a", "b"], value });
  });

  it("keeps '=' after the first as part of the value", () => {
    expect(parseSetFlag("name=a=b").value).toBe("a=b");
  });

  it.each(["steps", "=5", "a..b=1", ".a=1"])("rejects %j", (arg) => {
    expect(thrown(() => parseSetFlag(arg)).code).toBe("SPEC_OVERRIDE_INVALID");
  });

  it("names the flag when the value is not YAML", () => {
    const e = thrown(() => parseSetFlag("a=[1,"));
    expect(e.where.file).toBe("--set a=[1,");
    expect(e.message).toMatch(/not valid YAML/);
  });

  it("--seed is --set seed", () => {
    expect(seedOverride("4")).toEqual({ flag: "--seed 4", path: ["seed"], value: 4 });
  });
});

describe("applySpecOverrides", () => {
  it("sets numbers, lists, booleans and list items by index, keeping comments", () => {
    const loaded = apply("nodes.train.params.steps=6", "nodes.critic.params.hidden=[64,32,8]", "nodes.critic.params.hidden.0=128", "sinks.checkpoint.every=3");
    expect(params(loaded.spec, "train").steps).toBe(6);
    expect(params(loaded.spec, "critic").hidden).toEqual([128, 32, 8]);
    expect(loaded.spec.sinks?.checkpoint).toEqual({ every: 3, keep: 2 });
    expect(loaded.text).toMatch(/^# a tiny spec\n/);
    expect(loaded.text).toMatch(/steps: 6 }\s+# keep short/);
    expect(parse(loaded.text)).toMatchObject({ nodes: { train: { params: { steps: 6 } } } });
  });

  it("adds a missing last key (--seed on a spec without a seed) and appends to a list at its length", () => {
    const loaded = applySpecOverrides(spec, [seedOverride("4"), parseSetFlag("nodes.critic.params.hidden.2=8")]);
    expect(loaded.spec.seed).toBe(4);
    expect(params(loaded.spec, "critic").hidden).toEqual([16, 16, 8]);
  });

  it("keeps the text byte for byte without overrides", () => {
    expect(applySpecOverrides(spec, []).text).toBe(spec);
  });

  it("a missing segment is an error naming the flag, with a did-you-mean", () => {
    const e = thrown(() => apply("nodes.trian.params.steps=6"));
    expect(e.code).toBe("SPEC_OVERRIDE_INVALID");
    expect(e.where.file).toBe("--set nodes.trian.params.steps=6");
    expect(e.issues[0].message).toBe(`nodes has no "trian"; did you mean "train"?`);
    expect(e.hint).toMatch(/data, critic, train/);
  });

  it("reports every bad flag at once", () => {
    const e = thrown(() => apply("sinks.chekpoint.every=3", "nodes.critic.params.hidden.5=1", "name.x=1"));
    expect(e.issues.map((i) => i.message)).toEqual([
      `sinks has no "chekpoint"; did you mean "checkpoint"?`,
      `nodes.critic.params.hidden is a list of 2; "5" is not an index of it`,
      `name is the value "tiny", not a mapping or list`,
    ]);
  });

  it("a value the schema rejects is an error at its flag; others keep their line in the file", () => {
    const bad = spec.replace("keep: 2", "keep: -1");
    const e = thrown(() => applySpecOverrides(bad, [parseSetFlag("sinks.checkpoint.every=often"), parseSetFlag("nodes.train.params.stpes=5")], "spec.yaml"));
    const at = e.issues.map((i) => [i.where.file, i.where.line, i.where.field]);
    expect(at).toContainEqual(["--set sinks.checkpoint.every=often", undefined, "sinks.checkpoint.every"]);
    expect(at).toContainEqual(["spec.yaml", 14, "sinks.checkpoint.keep"]);
    expect(e.issues.find((i) => i.where.file === "--set nodes.train.params.stpes=5")).toBeUndefined(); // params are the plugin's: checked by validateSpec
  });

  it("lineOf points into the file as written, and nowhere for overridden values", () => {
    const loaded = apply("nodes.train.params.steps=6");
    expect(loaded.lineOf(["nodes", "critic", "params", "output"])).toBe(9);
    expect(loaded.lineOf(["nodes", "train", "params", "steps"])).toBeUndefined();
  });

  it("blameOverrides moves a graph issue inside an overridden value to its flag", () => {
    const o = [parseSetFlag("nodes.train.params.steps=-1")];
    const e = blameOverrides(new GantryError("SPEC_BAD_PARAM", "must be positive", {
      where: { file: "spec.yaml", line: 12, node: "train", field: "params.steps" },
    }), o) as GantryError;
    expect(e.where).toEqual({ file: "--set nodes.train.params.steps=-1", node: "train", field: "params.steps" });
  });
});

