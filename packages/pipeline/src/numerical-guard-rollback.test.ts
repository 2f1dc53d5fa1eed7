import { createRegistry, scheduleSchema, scheduleValue, type Schedule } from "@gantry/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSpecText } from "./load-spec.js";
import { scaleLearningRates, scaleSchedule } from "./numerical-guard-rollback.js";
import { fakePlugin, validSpecYaml } from "./test-support/fake-plugin.js";
import { validateSpec } from "./validate-spec.js";

const value = fc.double({ min: -10, max: 10, noNaN: true });
const positive = fc.double({ min: 1e-4, max: 10, noNaN: true });
const steps = fc.integer({ min: 1, max: 1000 });
const start = fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined });
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** Every variant of Schedule, with and without its optional fields. */
const schedule: fc.Arbitrary<Schedule> = fc.oneof(
  value,
  value.map((constant) => ({ constant })),
  fc.record({ from: value, to: value, steps, start }).map((linear) => ({ linear: defined(linear) })),
  // rate ≤ 1.01 keeps rate^step finite over 3 000 steps (0 · ∞ would be NaN on both sides).
  fc.record({ from: value, rate: fc.double({ min: 1e-4, max: 1.01, noNaN: true }), every: fc.option(steps, { nil: undefined }), min: fc.option(value, { nil: undefined }) })
    .map((exponential) => ({ exponential: defined(exponential) })),
  fc.record({ from: positive, to: positive, steps, start }).map((geometric) => ({ geometric: defined(geometric) })),
  fc.record({ from: value, to: fc.option(value, { nil: undefined }), steps, start }).map((cosine) => ({ cosine: defined(cosine) })),
);

describe("scaleSchedule", () => {
  it("scales the value at every step by the factor, and stays a valid schedule", () => {
    fc.assert(fc.property(schedule, fc.double({ min: 1e-3, max: 1, noNaN: true }), fc.integer({ min: 0, max: 3000 }), (s, k, step) => {
      const scaled = scaleSchedule(s, k);
      expect(scheduleSchema.safeParse(scaled).success).toBe(true);
      // Relative 1e-12 plus an absolute 1e-12: products and powers in float64 round differently in the last bits.
      const want = k * scheduleValue(s, step);
      expect(Math.abs(scheduleValue(scaled, step) - want)).toBeLessThanOrEqual(1e-12 * Math.abs(want) + 1e-12);
    }));
  });

  it("does not change the schedule it scales", () => {
    const s: Schedule = { cosine: { from: 0.002, to: 0.0001, steps: 3000 } };
    expect(scaleSchedule(s, 0.5)).toEqual({ cosine: { from: 0.001, to: 0.00005, steps: 3000 } });
    expect(s).toEqual({ cosine: { from: 0.002, to: 0.0001, steps: 3000 } });
  });
});

describe("scaleLearningRates", () => {
  const graph = validateSpec(parseSpecText(validSpecYaml, "spec.yaml"), createRegistry().use(fakePlugin));

  it("scales every optimizer node's lr and reports optimizer ports the method fills itself", () => {
    const { graph: scaled, scaled: ids, unscaled } = scaleLearningRates(graph, 0.25);
    expect(ids).toEqual(["train.gOptimizer"]);
    expect(scaled.nodes.get("train.gOptimizer")!.params).toEqual({ lr: 0.00025, betas: [0.9, 0.999] });
    expect(unscaled).toEqual(["train.with.dOptimizer (unbound: the method's default)"]);
    expect(graph.nodes.get("train.gOptimizer")!.params).toEqual({ lr: 0.001, betas: [0.9, 0.999] });
    expect(scaled.order).toEqual(graph.order);
    expect(scaled.nodes.get("train")).toBe(graph.nodes.get("train"));
  });
});
