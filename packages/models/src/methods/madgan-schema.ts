// Parameters of the `madgan` method (zod 4) and its code-level options: the plugin's params plus the
// values bound to its ports (the loss is core's kind `multiGeneratorLoss`, e.g. @gantry/losses' madGan).
import { z, type Dataset, type MultiGeneratorLoss, type Network, type Optimizer, type Regularizer } from "@gantry/core";
import { diagnosticsSchema, emaSchema, latentSchema } from "./alternating-schema.js";

const settings = {
  generators: z.number().int().min(1).default(4).describe("k, the number of generators; the discriminator must output k + 1 logits"),
  shared: z.enum(["all-but-last", "all-but-first", "none"]).default("all-but-last")
    .describe("which generator layers the k generators share: all but the last (the paper's image experiments), all but the first (the authors' madgan_ind.py), or none"),
  labelSmoothing: z.number().min(0).lt(1).default(0)
    .describe("one-sided label smoothing of the default loss's real targets (a bound loss has its own)"),
  dSteps: z.number().int().positive().default(1).describe("discriminator updates per generator update, each on a fresh real batch"),
  latent: latentSchema.default({ dist: "normal" }),
  ema: emaSchema.optional().describe("exponential moving average of the generators' weights, used for samples and observers"),
  seed: z.number().int().default(0).describe("seeds init, data order, latent noise and every regularizer's stream"),
  batchSize: z.number().int().positive().optional().describe("real batch size, and each generator's fake batch size; default: the dataset's"),
  diagnostics: diagnosticsSchema.default({ perLayer: false }),
};

/** The plugin's params: `steps` is how many generator steps the pipeline runs. */
export const madganSchema = z.object({
  steps: z.number().int().positive().describe("total generator steps of the run (each updates all k generators once)"),
  ...settings,
}).strict();

export const madganSettingsSchema = z.object({ steps: z.number().int().positive().optional(), ...settings }).strict();
export type MadganSettings = z.output<typeof madganSettingsSchema>;

/** What the method's ports receive. */
export interface MadganPorts {
  readonly data: Dataset;
  /** One generator's network; the k generators are built from it (see `shared`). */
  readonly generator: Network;
  /** Must output k + 1 logits per sample. */
  readonly discriminator: Network;
  /** Default: the MAD-GAN loss (Ghosh et al. 2018) with `generators` and `labelSmoothing`. */
  readonly loss?: MultiGeneratorLoss;
  readonly regularizers?: readonly Regularizer[];
  /** Default Adam(1e-4, betas [0.5, 0.999]), the authors' toy-data setting. */
  readonly gOptimizer?: Optimizer;
  /** Default Adam(1e-4, betas [0.5, 0.999]). */
  readonly dOptimizer?: Optimizer;
}

export type MadganOptions = MadganPorts & z.input<typeof madganSettingsSchema>;
