// Parameters of `lookahead/unrolled` (zod 4): K, the order of the surrogate gradient, and which batch
// each look-ahead update reads.
import { z } from "@gantry/core";

export const unrolledModes = ["second-order", "first-order"] as const;
export type UnrolledMode = (typeof unrolledModes)[number];

export const unrolledSchema = z.object({
  steps: z.number().int().min(0).max(100).default(5)
    .describe("K, look-ahead updates of D per generator step (Metz et al. 2017 use 1–10; 0 is plain alternating)"),
  mode: z.enum(unrolledModes).default("second-order")
    .describe("second-order: G's gradient flows through all K updates (the paper); first-order: θ_D^K is held constant"),
  batches: z.enum(["same", "fresh"]).default("same")
    .describe("same: every update reads the G step's batch (the paper's code); fresh: a new real batch and latents per update"),
}).strict();

export type UnrolledOptions = z.input<typeof unrolledSchema>;
