// Shared pieces of the optimizer option schemas: a learning rate that may be a Schedule, and the
// parse step that turns a zod failure into a GantryError naming the field (for code callers; the
// registry parses spec params the same way before `create`).
import { z } from "zod";
import { GantryError } from "../errors.js";
import { paramsIssue } from "../registry/params-issue.js";
import { scheduleSchema, type Schedule } from "../schedule.js";

/** A learning rate: a number ≥ 0 or a Schedule evaluated at the update's step. */
export const learningRateSchema: z.ZodType<Schedule> = scheduleSchema.refine(
  (s) => typeof s !== "number" || s >= 0,
  "a learning rate must be ≥ 0",
);

/** A coefficient in [0, 1), like Adam's betas or RMSprop's alpha. */
export const coefficientSchema = z.number().min(0).lt(1);

/**
 * Parses the options of a plugin value built in code (`what`: "optimizer/adam", "regularizer/roth");
 * a bad option is a PARAMS_INVALID GantryError naming the field ("params.…") with `hint`.
 */
export function parseOptions<S extends z.ZodType>(schema: S, options: unknown, what: string, hint: string): z.output<S> {
  const result = schema.safeParse(options ?? {});
  if (result.success) return result.data;
  const { field, message } = paramsIssue(schema, result.error);
  throw new GantryError("PARAMS_INVALID", `${what}: ${message}`, { where: { field }, hint });
}

/** Parses optimizer options; a bad option is a PARAMS_INVALID GantryError naming the field. */
export function parseOptimizerOptions<S extends z.ZodType>(schema: S, options: unknown, name: string): z.output<S> {
  return parseOptions(schema, options, `optimizer/${name}`, `see the options of ${name}() in the @gantry/core README`);
}
