// Parameters of the `adagan` method (zod 4) and its code-level options: the rounds, the mixture weight β
// of each new component, the classifier that scores the data between rounds, and the base method that
// trains each round's generator (any Method in code; `alternating` with the bound ports in specs).
import { z, type Dataset, type Method, type Network, type Optimizer } from "@gantry/core";

/** What the base method of round t receives: reweighted data (the original data in round 1), its seed and length. */
export interface AdaganRound {
  /** 1-based round number. */
  readonly round: number;
  /** The training data, reweighted by AdaGAN's closed form from round 2 on. */
  readonly data: Dataset;
  /** The seed of this round's method (init, data order, noise). */
  readonly seed: number;
  /** Generator steps the round trains. */
  readonly steps: number;
}

/** Builds one round's generator trainer; called again with the same round on resume (then importState). */
export type AdaganBase = (round: AdaganRound) => Method;

export const betaSchema = z.union([z.literal("paper"), z.number().gt(0).lt(1)])
  .describe("weight of each new component in the mixture: \"paper\" (β_t = 1/t, every component equal) or a constant in (0, 1)");

const settings = {
  rounds: z.number().int().positive().default(5).describe("T, the number of generators mixed (round 1 trains on the data as is)"),
  stepsPerRound: z.number().int().positive().describe("generator steps of each round's base method; the run's length is rounds × stepsPerRound"),
  beta: betaSchema.default("paper"),
  classifierSteps: z.number().int().positive().default(1000).describe("updates of the data-vs-mixture classifier before each reweighting"),
  classifierBatchSize: z.number().int().positive().optional().describe("real (and mixture) samples per classifier update; default: the dataset's batch size"),
  seed: z.number().int().default(0).describe("seeds every round's base method, the classifiers and the mixture draws"),
};

export const adaganSettingsSchema = z.object(settings).strict();
export type AdaganSettings = z.output<typeof adaganSettingsSchema>;

/** What `adagan()` receives besides its settings. */
export interface AdaganPorts {
  /** A finite dataset (a ring or grid with `size`, IDX, CIFAR-10, an image folder, NPY): it is reweighted. */
  readonly data: Dataset;
  /** Each round's trainer, built on the round's (reweighted) data. */
  readonly base: AdaganBase;
  /** The data-vs-mixture classifier: one logit per sample (label 1 data, 0 mixture). */
  readonly classifier: Network;
  /** Default Adam(1e-3, betas [0.5, 0.999]). */
  readonly classifierOptimizer?: Optimizer;
}

export type AdaganOptions = AdaganPorts & z.input<typeof adaganSettingsSchema>;
