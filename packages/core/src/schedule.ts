// Schedule: one type for every annealed hyper-parameter (learning rates, instance-noise σ, penalty
// weights): a plain number or { constant | linear | exponential | geometric | cosine }. Values are
// functions of the step only, so a resumed run gets the same value at the same step. A *run* schedule
// may leave `steps` out of linear/geometric/cosine: it then spans the whole run (the method's length),
// which only the caller of scheduleValue knows (regularizers get it as `totalSteps`).
import { z } from "zod";
import { GantryError } from "./errors.js";

interface Span {
  /** Steps the change takes; omitted in a run schedule: the whole run. */
  readonly steps?: number;
  /** Step the change starts at (default 0). */
  readonly start?: number;
}

export type Schedule =
  | number
  | { readonly constant: number }
  | { readonly linear: { readonly from: number; readonly to: number } & Span }
  | { readonly exponential: { readonly from: number; readonly rate: number; readonly every?: number; readonly min?: number } }
  | { readonly geometric: { readonly from: number; readonly to: number } & Span }
  | { readonly cosine: { readonly from: number; readonly to?: number } & Span };

const finite = z.number().finite();
const positive = z.number().finite().positive();
const positiveInt = z.number().int().positive();
const start = z.number().int().nonnegative().optional();

function schedules(steps: z.ZodType<number | undefined>) {
  return z.union([
    finite,
    z.object({ constant: finite }).strict(),
    z.object({ linear: z.object({ from: finite, to: finite, steps, start }).strict() }).strict(),
    z.object({ exponential: z.object({ from: finite, rate: z.number().positive(), every: positiveInt.optional(), min: finite.optional() }).strict() }).strict(),
    z.object({ geometric: z.object({ from: positive, to: positive, steps, start }).strict() }).strict(),
    z.object({ cosine: z.object({ from: finite, to: finite.optional(), steps, start }).strict() }).strict(),
  ]) as z.ZodType<Schedule>;
}

/** zod schema of a Schedule with explicit lengths (learning rates: optimizers do not know the run's length). */
export const scheduleSchema: z.ZodType<Schedule> = schedules(positiveInt);

/** zod schema of a run schedule: `steps` may be omitted to span the whole run (regularizer strengths). */
export const runScheduleSchema: z.ZodType<Schedule> = schedules(positiveInt.optional());

/** Fraction of the way through [start, start + steps], clamped to [0, 1]. */
function progress(step: number, span: Span, totalSteps: number | undefined, variant: string): number {
  const steps = span.steps ?? totalSteps;
  if (steps === undefined) {
    throw new GantryError("SCHEDULE_NEEDS_LENGTH", `this ${variant} schedule has no steps and the run's length is not known here`, {
      hint: `give ${variant}.steps, or give the method its total steps (alternating({ steps }))`,
    });
  }
  return Math.min(1, Math.max(0, (step - (span.start ?? 0)) / steps));
}

/**
 * The value of a schedule at a step (0-based). `totalSteps` is the run's length, used by run
 * schedules that leave `steps` out; evaluating one without it is an error.
 */
export function scheduleValue(s: Schedule, step: number, totalSteps?: number): number {
  if (typeof s === "number") return s;
  if ("constant" in s) return s.constant;
  if ("linear" in s) {
    const { from, to } = s.linear;
    return from + (to - from) * progress(step, s.linear, totalSteps, "linear");
  }
  if ("exponential" in s) {
    const { from, rate, every = 1, min = -Infinity } = s.exponential;
    return Math.max(min, from * rate ** Math.floor(step / every));
  }
  if ("geometric" in s) {
    const { from, to } = s.geometric;
    return from * (to / from) ** progress(step, s.geometric, totalSteps, "geometric");
  }
  if ("cosine" in s) {
    const { from, to = 0 } = s.cosine;
    return to + ((from - to) * (1 + Math.cos(Math.PI * progress(step, s.cosine, totalSteps, "cosine")))) / 2;
  }
  throw new GantryError("SCHEDULE_INVALID", `not a schedule: ${JSON.stringify(s)}`, {
    hint: "use a number or { constant | linear | exponential | geometric | cosine: {...} }; parse it with scheduleSchema",
  });
}
