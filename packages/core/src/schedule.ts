// Schedule: one type for every annealed hyper-parameter (learning rates, instance-noise σ, penalty
// weights): a plain number or { constant | linear | exponential | cosine }. Values are functions of
// the step only, so a resumed run gets the same value at the same step.
import { z } from "zod";
import { GantryError } from "./errors.js";

export type Schedule =
  | number
  | { readonly constant: number }
  | { readonly linear: { readonly from: number; readonly to: number; readonly steps: number; readonly start?: number } }
  | { readonly exponential: { readonly from: number; readonly rate: number; readonly every?: number; readonly min?: number } }
  | { readonly cosine: { readonly from: number; readonly to?: number; readonly steps: number; readonly start?: number } };

const finite = z.number().finite();
const positiveInt = z.number().int().positive();

/** zod schema of a Schedule, for plugin params. */
export const scheduleSchema: z.ZodType<Schedule> = z.union([
  finite,
  z.object({ constant: finite }).strict(),
  z.object({ linear: z.object({ from: finite, to: finite, steps: positiveInt, start: z.number().int().nonnegative().optional() }).strict() }).strict(),
  z.object({ exponential: z.object({ from: finite, rate: z.number().positive(), every: positiveInt.optional(), min: finite.optional() }).strict() }).strict(),
  z.object({ cosine: z.object({ from: finite, to: finite.optional(), steps: positiveInt, start: z.number().int().nonnegative().optional() }).strict() }).strict(),
]);

/** Fraction of the way through [start, start + steps], clamped to [0, 1]. */
function progress(step: number, steps: number, start = 0): number {
  return Math.min(1, Math.max(0, (step - start) / steps));
}

/** The value of a schedule at a step (0-based). */
export function scheduleValue(s: Schedule, step: number): number {
  if (typeof s === "number") return s;
  if ("constant" in s) return s.constant;
  if ("linear" in s) {
    const { from, to, steps, start } = s.linear;
    return from + (to - from) * progress(step, steps, start);
  }
  if ("exponential" in s) {
    const { from, rate, every = 1, min = -Infinity } = s.exponential;
    return Math.max(min, from * rate ** Math.floor(step / every));
  }
  if ("cosine" in s) {
    const { from, to = 0, steps, start } = s.cosine;
    return to + ((from - to) * (1 + Math.cos(Math.PI * progress(step, steps, start)))) / 2;
  }
  throw new GantryError("SCHEDULE_INVALID", `not a schedule: ${JSON.stringify(s)}`, {
    hint: "use a number or { constant | linear | exponential | cosine: {...} }; parse it with scheduleSchema",
  });
}
