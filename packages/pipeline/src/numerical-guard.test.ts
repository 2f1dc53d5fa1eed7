import { createRegistry, isGantryError, tf, type Params } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSpecText } from "./load-spec.js";
import { GUARD_DEFAULTS, describeParams, describeStats, guardSettings, nonFiniteParams, nonFiniteStats, paramsDivergence, statsDivergence } from "./numerical-guard.js";
import { specJsonSchema } from "./spec-json-schema.js";

describe("nonFiniteStats", () => {
  it("finds NaN, +Inf and -Inf in the order the method reported them", () => {
    expect(nonFiniteStats({ dLoss: 0.7, gLoss: NaN, dReal: 0.5, gradNormG: Infinity, gradNormD: -Infinity })).toEqual([
      { name: "gLoss", value: NaN }, { name: "gradNormG", value: Infinity }, { name: "gradNormD", value: -Infinity },
    ]);
    expect(nonFiniteStats({})).toEqual([]);
    expect(nonFiniteStats({ dLoss: 1e38, gLoss: -3.4e38, tiny: 5e-324 })).toEqual([]);
  });

  it("finds exactly the non-finite entries of any stats record", () => {
    const value = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity));
    fc.assert(fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), value), (stats) => {
      const found = nonFiniteStats(stats).map((s) => s.name);
      expect(found).toEqual(Object.keys(stats).filter((k) => !Number.isFinite(stats[k])));
      expect(statsDivergence(3, stats)?.quantity).toBe(found[0]);
    }));
  });

  it("says what blew up, first the first one", () => {
    expect(describeStats([{ name: "gLoss", value: NaN }])).toBe("gLoss = NaN");
    expect(describeStats([{ name: "gLoss", value: NaN }, { name: "dLoss", value: Infinity }])).toBe("gLoss = NaN (also non-finite: dLoss = Infinity)");
    expect(statsDivergence(12, { dLoss: 1, gLoss: NaN })).toEqual({ step: 12, quantity: "gLoss", description: "gLoss = NaN" });
    expect(statsDivergence(12, { dLoss: 1, gLoss: 2 })).toBeUndefined();
  });
});

describe("guardSettings", () => {
  it("is stop, checking parameters at checkpoints, unless the spec says otherwise", () => {
    expect(guardSettings(undefined)).toEqual({ onNonFinite: "stop", maxRollbacks: 3, lrScale: 0.5, checkParams: "checkpoint" });
    expect(guardSettings({ onNonFinite: "rollback", lrScale: 0.25 })).toEqual({ onNonFinite: "rollback", maxRollbacks: 3, lrScale: 0.25, checkParams: "checkpoint" });
  });
});

describe("the spec's guard section", () => {
  const spec = (guard: string): string => `name: g\nnodes:\n  train: { use: method/x }\nguard: ${guard}\n`;
  const issue = (guard: string) => {
    try {
      parseSpecText(spec(guard), "spec.yaml");
    } catch (e) {
      if (isGantryError(e, "SPEC_INVALID")) return e.where;
      throw e;
    }
    throw new Error("parsed");
  };

  it("parses, and rejects unknown actions, factors outside (0, 1) and unknown fields at the guard's line", () => {
    expect(parseSpecText(spec("{ onNonFinite: rollback, maxRollbacks: 5, lrScale: 0.1, checkParams: step }")).spec.guard)
      .toEqual({ onNonFinite: "rollback", maxRollbacks: 5, lrScale: 0.1, checkParams: "step" });
    expect(issue("{ onNonFinite: retry }")).toMatchObject({ file: "spec.yaml", line: 4, field: "guard.onNonFinite" });
    expect(issue("{ lrScale: 1.5 }")).toMatchObject({ field: "guard.lrScale" });
    expect(issue("{ lrScale: 0 }")).toMatchObject({ field: "guard.lrScale" });
    expect(issue("{ maxRollbacks: 0 }")).toMatchObject({ field: "guard.maxRollbacks" });
    expect(issue("{ onNaN: stop }")).toMatchObject({ field: "guard.onNaN" });
  });

  it("is in the JSON schema for editors with the same fields", () => {
    const schema = specJsonSchema(createRegistry()) as { properties: { guard: { properties: object; additionalProperties: boolean } } };
    expect(Object.keys(schema.properties.guard.properties).sort()).toEqual(Object.keys(GUARD_DEFAULTS).sort());
    expect(schema.properties.guard.additionalProperties).toBe(false);
  });
});

describe("describeParams", () => {
  it("names the first tensor, its count and size, and how many more", () => {
    expect(describeParams([{ name: "generator/params/dense0/kernel", count: 12, size: 64 }]))
      .toBe("parameter generator/params/dense0/kernel has 12 non-finite values (of 64)");
    expect(describeParams([{ name: "a", count: 1, size: 4 }, { name: "b", count: 2, size: 2 }, { name: "c", count: 1, size: 1 }, { name: "d", count: 1, size: 1 }, { name: "e", count: 1, size: 1 }]))
      .toBe("parameter a has 1 non-finite value (of 4); 4 more tensors too (b, c, d, …)");
  });
});

describeBackends("nonFiniteParams", () => {
  const params = (): Params => ({
    "generator/params/dense0/kernel": tf.tensor2d([[1, NaN, 3], [Infinity, 5, -Infinity]]),
    "generator/params/dense0/bias": tf.tensor1d([0, 1, 2]),
    "discriminator/params/out/kernel": tf.tensor1d([NaN]),
    "gOpt/count": tf.scalar(7, "int32"),
    "empty": tf.zeros([0]),
  });

  it("counts NaN and ±Inf per float tensor, in name order, and leaks nothing", async () => {
    const p = params();
    const found = await expectNoTensorLeak(() => nonFiniteParams(p), "nonFiniteParams");
    expect(found).toEqual([
      { name: "discriminator/params/out/kernel", count: 1, size: 1 },
      { name: "generator/params/dense0/kernel", count: 3, size: 6 },
    ]);
    tf.dispose(Object.values(p));
  });

  it("finds nothing in finite tensors, including the largest float32 values", async () => {
    const p: Params = { w: tf.tensor1d([3.4028234663852886e38, -3.4028234663852886e38, 1e-45, 0]), n: tf.scalar(1, "int32") };
    expect(await nonFiniteParams(p)).toEqual([]);
    expect(await paramsDivergence(5, p)).toBeUndefined();
    expect(await nonFiniteParams({})).toEqual([]);
    tf.dispose(Object.values(p));
  });

  it("agrees with a scan in JS on random tensors with random NaN/Inf", async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.array(fc.oneof(fc.float({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(NaN, Infinity, -Infinity)), { minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 6 }),
      async (arrays) => {
        const p: Params = Object.fromEntries(arrays.map((a, i) => [`t${i}`, tf.tensor1d(a)]));
        const expected = arrays.map((a, i) => ({ name: `t${i}`, count: a.filter((v) => !Number.isFinite(Math.fround(v))).length, size: a.length })).filter((e) => e.count > 0);
        expect(await nonFiniteParams(p)).toEqual(expected);
        tf.dispose(Object.values(p));
      },
    ), { numRuns: 30 });
  });

  it("a divergence names the first bad tensor", async () => {
    const p = params();
    expect(await paramsDivergence(40, p)).toEqual({
      step: 40, quantity: "discriminator/params/out/kernel",
      description: "parameter discriminator/params/out/kernel has 1 non-finite value (of 1); 1 more tensor too (generator/params/dense0/kernel)",
    });
    tf.dispose(Object.values(p));
  });
});
