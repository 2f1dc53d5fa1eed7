// Parameters of the `alternating` method (zod 4) and its code-level options: the plugin's params plus
// the values bound to its ports (data, networks, loss, regularizers, look-ahead, optimizers).
import { z, type AdversarialLoss, type Dataset, type Lookahead, type Network, type Optimizer, type Regularizer } from "@gantry/core";

export const latentSchema = z.object({
  dim: z.number().int().positive().optional().describe("latent size; defaults to the generator's input size"),
  dist: z.enum(["normal", "uniform"]).default("normal").describe("z ~ N(0, I) or U[−1, 1)"),
}).strict();

export const emaSchema = z.object({
  decay: z.number().gt(0).lt(1).describe("β of θ̄ ← β·θ̄ + (1 − β)·θ after each generator step (e.g. 0.999)"),
}).strict();

export const diagnosticsSchema = z.object({
  perLayer: z.boolean().default(false).describe("also report gradNormG/<param> and gradNormD/<param>"),
}).strict();

const settings = {
  dSteps: z.number().int().positive().default(1).describe("discriminator updates per generator update, each on a fresh real batch"),
  latent: latentSchema.default({ dist: "normal" }),
  ema: emaSchema.optional().describe("exponential moving average of G's weights, used for samples and observers"),
  seed: z.number().int().default(0).describe("seeds init, data order, latent noise and every regularizer's stream"),
  batchSize: z.number().int().positive().optional().describe("real (and fake) batch size; default: the dataset's"),
  diagnostics: diagnosticsSchema.default({ perLayer: false }),
};

/** The plugin's params: `steps` is how many generator steps the pipeline runs. */
export const alternatingSchema = z.object({
  steps: z.number().int().positive().describe("total generator steps of the run"),
  ...settings,
}).strict();

export const alternatingSettingsSchema = z.object({ steps: z.number().int().positive().optional(), ...settings }).strict();
export type AlternatingSettings = z.output<typeof alternatingSettingsSchema>;

/** What the method's ports receive. */
export interface AlternatingPorts {
  readonly data: Dataset;
  readonly generator: Network;
  readonly discriminator: Network;
  readonly loss: AdversarialLoss;
  readonly regularizers?: readonly Regularizer[];
  readonly lookahead?: Lookahead;
  /** Default Adam(2e-4, betas [0.5, 0.999]) (Radford et al. 2015). */
  readonly gOptimizer?: Optimizer;
  /** Default Adam(2e-4, betas [0.5, 0.999]). */
  readonly dOptimizer?: Optimizer;
}

export type AlternatingOptions = AlternatingPorts & z.input<typeof alternatingSettingsSchema>;
