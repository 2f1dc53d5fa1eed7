import { createRegistry, isGantryError, type Regularizer } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { regularizersPlugin } from "./plugin.js";

describe("regularizers plugin", () => {
  const registry = createRegistry().use(regularizersPlugin);

  it("provides the seven regularizers, each with a description and a params schema", () => {
    const list = registry.list("regularizer");
    expect(list.map((e) => e.name)).toEqual(["gradient-penalty", "instance-noise", "r1", "r2", "roth", "spectral-norm", "weight-clipping"]);
    for (const e of list) {
      expect(e.description?.length).toBeGreaterThan(20);
      expect(e.params).toHaveProperty("type", "object");
    }
  });

  it("a spec node's name becomes the regularizer's key; defaults apply", () => {
    const gp = registry.create("regularizer", "gradient-penalty", {}, {}, { node: "gp" }) as Regularizer;
    expect(gp.key).toBe("gp");
    expect(gp.name).toBe("gradient-penalty");
    expect((registry.create("regularizer", "roth", undefined) as Regularizer).key).toBeUndefined();
    expect(registry.parseParams("regularizer", "roth", undefined)).toEqual({ gamma: { geometric: { from: 2, to: 0.02 } } });
    expect(registry.parseParams("regularizer", "gradient-penalty", undefined)).toEqual({ weight: 10, target: 1, oneSided: false });
    expect(registry.parseParams("regularizer", "instance-noise", undefined)).toEqual({ std: { linear: { from: 0.1, to: 0 } } });
    expect(registry.parseParams("regularizer", "weight-clipping", undefined)).toEqual({ limit: 0.01 });
    expect(registry.parseParams("regularizer", "spectral-norm", undefined)).toEqual({ iterations: 1, eps: 1e-12 });
  });

  it("bad params name the regularizer and the field", () => {
    let err: unknown;
    try { registry.create("regularizer", "gradient-penalty", { weigth: 10 }, {}, { where: { file: "s.yaml", node: "gp" } }); } catch (e) { err = e; }
    expect(isGantryError(err, "PARAMS_INVALID")).toBe(true);
    expect((err as Error).message).toMatch(/s\.yaml: gp.*weigth/);
    expect(() => registry.create("regularizer", "instance-noise", { std: { linear: { from: 0.1 } } })).toThrow(/params\.std/);
  });
});
