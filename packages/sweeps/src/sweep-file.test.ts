import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gantryErrorOf } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { loadSweepFile, parseSweepText } from "./sweep-file.js";

const errorOf = gantryErrorOf;

describe("sweep files", () => {
  it("reads name, bases (resolved next to the file), seeds, grid and random search", () => {
    const dir = mkdtempSync(join(tmpdir(), "gantry-sweep-file-"));
    writeFileSync(join(dir, "s.yaml"), `name: lr-sweep
base: specs/ring.yaml
seeds: [1, 2, 3]
grid:
  nodes.train.params.steps: [100, 200]
random:
  n: 4
  params:
    nodes.train.with.gOptimizer.params.lr: { logUniform: [0.0001, 0.01] }
`);
    const s = loadSweepFile(join(dir, "s.yaml"));
    expect(s.name).toBe("lr-sweep");
    expect(s.bases).toEqual({ ring: join(dir, "specs", "ring.yaml") });
    expect(s.seeds).toEqual([1, 2, 3]);
    expect(s.grid).toEqual({ "nodes.train.params.steps": [100, 200] });
    expect(s.random).toEqual({ n: 4, seed: 0, params: { "nodes.train.with.gOptimizer.params.lr": { logUniform: [0.0001, 0.01] } } });
    expect(s.lineOf(["grid", "nodes.train.params.steps"])).toBe(5);
  });

  it("takes several labelled bases (methods)", () => {
    const s = parseSweepText("name: m\nbase: { vanilla: a.yaml, madgan: b/c.yaml }\nseeds: [1]\n", "/x/s.yaml");
    expect(s.bases).toEqual({ vanilla: "/x/a.yaml", madgan: "/x/b/c.yaml" });
  });

  it("reports every mistake with file, line and field", () => {
    const e = errorOf(() => parseSweepText(`name: bad name
base: a.yaml
seeds: [1, 1]
grid:
  nodes.train.params.steps: []
  seed: [1, 2]
random:
  n: 2
  params:
    nodes.x.params.lr: { between: [1, 2] }
colour: red
`, "s.yaml"));
    const issues = e.issues.map((i) => `${i.where.line}:${i.where.field}:${i.message}`);
    expect(e.code).toBe("SWEEP_INVALID");
    expect(issues).toEqual(expect.arrayContaining([
      expect.stringMatching(/^1:name:name is used as a folder name/),
      expect.stringMatching(/^3:seeds:seeds must be distinct/),
      expect.stringMatching(/^5:grid\.nodes\.train\.params\.steps:a grid field needs at least one value/),
      expect.stringMatching(/^10:random\.params\.nodes\.x\.params\.lr:a distribution is/),
      expect.stringMatching(/^11:colour:unknown field.*colour/),
    ]));
    expect(e.message).toMatch(/^s\.yaml:1: /);
  });

  it("refuses a field swept both ways, and bad YAML with its line", () => {
    const both = errorOf(() => parseSweepText("name: s\nbase: a.yaml\nseeds: [1]\ngrid: { a.b: [1] }\nrandom: { n: 1, params: { a.b: { int: [1, 3] } } }\n", "s.yaml"));
    expect(both.message).toMatch(/"a\.b" is both a grid field and a random field/);
    const seed = errorOf(() => parseSweepText("name: s\nbase: a.yaml\nseeds: [1]\ngrid:\n  seed: [1, 2]\n  a..b: [1]\n", "s.yaml"));
    expect(seed.issues.map((i) => `${i.where.line}:${i.where.field}:${i.message}`)).toEqual(['5:grid.seed:"seed" is set by the sweep', '6:grid.a..b:"a..b" is not a field path']);
    const syntax = errorOf(() => parseSweepText("name: s\nseeds: [1\n", "s.yaml"));
    expect(syntax.code).toBe("SWEEP_SYNTAX");
    expect(errorOf(() => loadSweepFile("/nonexistent/s.yaml")).code).toBe("SWEEP_NOT_FOUND");
  });
});
