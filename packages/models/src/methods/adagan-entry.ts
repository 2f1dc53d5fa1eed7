// The plugin entry method/adagan: AdaGAN whose rounds each train an `alternating` GAN built from the bound
// ports (networks, loss, regularizers, look-ahead, optimizers) and `params.base` (alternating's settings
// but steps and seed, which AdaGAN sets per round). In code, `adagan({ base })` takes any method.
import { entry, z, type Network, type Optimizer } from "@gantry/core";
import { adagan } from "./adagan.js";
import { adaganSettingsSchema } from "./adagan-schema.js";
import { alternating } from "./alternating.js";
import { alternatingSettingsSchema, type AlternatingPorts } from "./alternating-schema.js";

export const adaganSchema = adaganSettingsSchema.extend({
  base: alternatingSettingsSchema.omit({ steps: true, seed: true }).prefault({})
    .describe("settings of each round's alternating GAN (dSteps, latent, ema, batchSize, diagnostics)"),
}).strict();

type AdaganEntryPorts = Omit<AlternatingPorts, "data"> & Pick<AlternatingPorts, "data"> & {
  readonly classifier?: Network;
  readonly classifierOptimizer?: Optimizer;
};

export const adaganEntry = entry({
  kind: "method",
  name: "adagan",
  description: "AdaGAN: T rounds of a GAN, each on data reweighted towards what the mixture so far misses, mixed into one generator",
  params: adaganSchema,
  inputs: {
    data: "dataset", generator: "network", discriminator: "network", loss: "loss", classifier: "network?",
    regularizers: ["regularizer"], lookahead: "lookahead?", gOptimizer: "optimizer?", dOptimizer: "optimizer?", classifierOptimizer: "optimizer?",
  },
  create: (p: z.output<typeof adaganSchema>, inputs) => {
    const { data, classifier, classifierOptimizer, ...nets } = inputs as unknown as AdaganEntryPorts;
    const { base, ...settings } = p;
    return adagan({
      ...settings, data,
      // The paper's classifier has the discriminator's architecture; a fresh one is trained each round.
      classifier: classifier ?? nets.discriminator,
      ...(classifierOptimizer ? { classifierOptimizer } : {}),
      base: (r) => alternating({ ...base, ...nets, data: r.data, seed: r.seed, steps: r.steps }),
    });
  },
});
