// One-sided label smoothing (Salimans et al. 2016, §3.4): D's target for real samples is 1 − s,
// fakes keep target 0. Only the parameter schema lives here.
import { z } from "@gantry/core";

export const labelSmoothingSchema = z.number().min(0).lt(1).default(0)
  .describe("one-sided label smoothing s: D's target for real samples is 1 − s (Salimans et al. 2016)");
