// Schedule: each variant against its closed form (float64 JS), and the zod schema's rejections.
import { describe, expect, it } from "vitest";
import { isGantryError, runScheduleSchema, scheduleSchema, scheduleValue, type Schedule } from "./index.js";

describe("scheduleValue", () => {
  it("constant and plain numbers", () => {
    expect([0, 10, 1e6].map((t) => scheduleValue(0.3, t))).toEqual([0.3, 0.3, 0.3]);
    expect(scheduleValue({ constant: 2 }, 99)).toBe(2);
  });

  it("linear: from + (to − from)·clamp((t − start)/steps), held after the end", () => {
    const s: Schedule = { linear: { from: 0.1, to: 0, steps: 5000 } };
    expect(scheduleValue(s, 0)).toBe(0.1);
    expect(scheduleValue(s, 2500)).toBeCloseTo(0.05, 15);
    expect(scheduleValue(s, 5000)).toBe(0);
    expect(scheduleValue(s, 9000)).toBe(0);
    const delayed: Schedule = { linear: { from: 1, to: 3, steps: 10, start: 20 } };
    expect([0, 20, 25, 30, 40].map((t) => scheduleValue(delayed, t))).toEqual([1, 1, 2, 3, 3]);
  });

  it("exponential: from·rate^⌊t/every⌋, floored at min", () => {
    expect(scheduleValue({ exponential: { from: 1, rate: 0.5 } }, 3)).toBe(0.125);
    const s: Schedule = { exponential: { from: 2, rate: 0.1, every: 100, min: 0.01 } };
    expect([0, 99, 100, 199, 200, 1000].map((t) => scheduleValue(s, t))).toEqual([2, 2, 2 * 0.1, 2 * 0.1, 2 * 0.1 ** 2, 0.01]);
  });

  it("cosine: to + (from − to)(1 + cos(π·p))/2", () => {
    const s: Schedule = { cosine: { from: 1, to: 0.2, steps: 100, start: 10 } };
    for (const t of [0, 10, 35, 60, 85, 110, 500]) {
      const p = Math.min(1, Math.max(0, (t - 10) / 100));
      expect(scheduleValue(s, t)).toBeCloseTo(0.2 + 0.8 * (1 + Math.cos(Math.PI * p)) / 2, 14);
    }
    expect(scheduleValue({ cosine: { from: 4, steps: 2 } }, 1)).toBeCloseTo(2, 14); // to defaults to 0
  });

  it("geometric: from·(to/from)^p — Roth et al.'s γ₀·0.01^(t/T) annealing", () => {
    const s: Schedule = { geometric: { from: 2, to: 0.02, steps: 1000 } };
    for (const t of [0, 250, 500, 1000, 2000]) expect(scheduleValue(s, t)).toBeCloseTo(2 * 0.01 ** Math.min(1, t / 1000), 14);
  });

  it("run schedules: steps omitted spans totalSteps, and without it the error says what to give", () => {
    expect(scheduleValue({ linear: { from: 0.1, to: 0 } }, 250, 1000)).toBeCloseTo(0.075, 15);
    expect(scheduleValue({ geometric: { from: 2, to: 0.02, start: 100 } }, 600, 1000)).toBeCloseTo(2 * 0.01 ** 0.5, 14);
    expect(scheduleValue({ cosine: { from: 1 } }, 500, 1000)).toBeCloseTo(0.5, 14);
    // explicit steps win over the run's length
    expect(scheduleValue({ linear: { from: 1, to: 0, steps: 10 } }, 5, 1000)).toBe(0.5);
    let err: unknown;
    try { scheduleValue({ linear: { from: 0.1, to: 0 } }, 3); } catch (e) { err = e; }
    expect(isGantryError(err, "SCHEDULE_NEEDS_LENGTH")).toBe(true);
    expect((err as Error).message).toMatch(/linear\.steps/);
  });

  it("throws a GantryError for something that is not a schedule", () => {
    let err: unknown;
    try { scheduleValue({ step: { every: 3 } } as unknown as Schedule, 1); } catch (e) { err = e; }
    expect(isGantryError(err, "SCHEDULE_INVALID")).toBe(true);
  });
});

describe("scheduleSchema", () => {
  it("accepts every variant", () => {
    for (const s of [0.1, { constant: 1 }, { linear: { from: 1, to: 0, steps: 3, start: 2 } },
      { exponential: { from: 1, rate: 0.9, every: 2, min: 0.1 } }, { cosine: { from: 1, steps: 10 } }, { geometric: { from: 2, to: 0.02, steps: 5 } }]) {
      expect(scheduleSchema.parse(s)).toEqual(s);
      expect(runScheduleSchema.parse(s)).toEqual(s);
    }
  });

  it("only run schedules may leave steps out; geometric needs positive ends", () => {
    for (const s of [{ linear: { from: 0.1, to: 0 } }, { geometric: { from: 2, to: 0.02 } }, { cosine: { from: 1, start: 5 } }]) {
      expect(scheduleSchema.safeParse(s).success, JSON.stringify(s)).toBe(false);
      expect(runScheduleSchema.parse(s)).toEqual(s);
    }
    for (const s of [{ geometric: { from: 0, to: 1 } }, { geometric: { from: 1, to: -1 } }, { linear: { from: 1, to: 0, steps: 0 } }]) {
      expect(runScheduleSchema.safeParse(s).success, JSON.stringify(s)).toBe(false);
    }
  });

  it("rejects bad input", () => {
    const bad: unknown[] = [
      "0.1", Infinity, NaN, { constant: "1" }, { linear: { from: 1, to: 0 } }, { linear: { from: 1, to: 0, steps: 0 } },
      { linear: { from: 1, to: 0, steps: 2.5 } }, { linear: { from: 1, to: 0, steps: 3, start: -1 } },
      { exponential: { from: 1, rate: 0 } }, { exponential: { from: 1, rate: -0.5 } }, { cosine: { from: 1, steps: 10, stepz: 3 } },
      { linear: { from: 1, to: 0, steps: 3 }, constant: 1 }, { warmup: { steps: 3 } }, null, [],
    ];
    for (const b of bad) expect(scheduleSchema.safeParse(b).success, JSON.stringify(b)).toBe(false);
  });
});
