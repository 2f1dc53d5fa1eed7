import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, expandSweep } from "./expand-sweep.js";
import { parseSweepText } from "./sweep-file.js";

const sweep = (body: string) => parseSweepText(`name: s\nbase: ring.yaml\n${body}`, "/x/s.yaml");

describe("expandSweep", () => {
  it("is the grid's Cartesian product × seeds, first field slowest, IDs s<seed>-<setting hash>", () => {
    const runs = expandSweep(sweep("seeds: [1, 2]\ngrid:\n  nodes.train.params.steps: [10, 20]\n  nodes.critic.params.hidden: [[8], [16, 16]]\n"));
    expect(runs).toHaveLength(8);
    expect(runs.map((r) => r.setting.label)).toEqual([
      "steps=10 hidden=[8]", "steps=10 hidden=[8]", "steps=10 hidden=[16,16]", "steps=10 hidden=[16,16]",
      "steps=20 hidden=[8]", "steps=20 hidden=[8]", "steps=20 hidden=[16,16]", "steps=20 hidden=[16,16]",
    ]);
    expect(runs.map((r) => r.seed)).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
    for (const r of runs) expect(r.id).toBe(`s${r.seed}-${r.setting.key}`);
    expect(new Set(runs.map((r) => r.id)).size).toBe(8);
    expect(runs[0].setting.overrides).toEqual({ "nodes.train.params.steps": 10, "nodes.critic.params.hidden": [8] });
  });

  it("gives a run the same ID whatever the order of the file's fields and seeds", () => {
    const a = expandSweep(sweep("seeds: [1, 2]\ngrid:\n  x.a: [1, 2]\n  x.b: [true]\n"));
    const b = expandSweep(sweep("seeds: [2, 1]\ngrid:\n  x.b: [true]\n  x.a: [2, 1]\n"));
    expect(new Set(b.map((r) => r.id))).toEqual(new Set(a.map((r) => r.id)));
    // Pinned: an ID is a promise to the run store; changing the hash would orphan every stored run.
    expect(a[0].id).toBe("s1-" + a[0].setting.key);
    expect(a[0].setting.key).toMatch(/^[0-9a-f]{8}$/);
  });

  it("labels the base when there are several, and keeps paths unambiguous", () => {
    const runs = expandSweep(parseSweepText("name: s\nbase: { vanilla: a.yaml, madgan: b.yaml }\nseeds: [1]\ngrid: { nodes.g.params.lr: [1], nodes.d.params.lr: [2] }\n", "/x/s.yaml"));
    expect(runs.map((r) => r.setting.label)).toEqual(["base=vanilla g.params.lr=1 d.params.lr=2", "base=madgan g.params.lr=1 d.params.lr=2"]);
    expect(runs[0].id).not.toBe(runs[1].id);
  });

  it("draws the random search from its seed: reproducible, within bounds, crossed with the grid", () => {
    const text = "seeds: [7]\ngrid: { a.steps: [1, 2] }\nrandom:\n  n: 20\n  seed: 4\n  params:\n    a.lr: { logUniform: [0.0001, 0.1] }\n    a.k: { int: [2, 4] }\n    a.u: { uniform: [-1, 1] }\n    a.act: { choice: [relu, tanh] }\n";
    const runs = expandSweep(sweep(text));
    expect(runs).toHaveLength(40);
    expect(expandSweep(sweep(text)).map((r) => r.id)).toEqual(runs.map((r) => r.id));
    for (const { setting: { overrides: o } } of runs) {
      expect(o["a.lr"]).toBeGreaterThanOrEqual(0.0001);
      expect(o["a.lr"]).toBeLessThan(0.1);
      expect([2, 3, 4]).toContain(o["a.k"]);
      expect(Math.abs(o["a.u"] as number)).toBeLessThanOrEqual(1);
      expect(["relu", "tanh"]).toContain(o["a.act"]);
    }
    expect(new Set(runs.map((r) => r.setting.overrides["a.k"])).size).toBe(3);
    expect(expandSweep(sweep(text.replace("seed: 4", "seed: 5")))[0].id).not.toBe(runs[0].id);
  });

  it("canonicalJson is independent of key order", () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
      const reversed = Object.fromEntries(Object.entries(obj).reverse());
      expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
    }));
  });
});
