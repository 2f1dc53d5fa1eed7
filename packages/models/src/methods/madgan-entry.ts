// The plugin entry method/madgan: params (madganSchema) plus ports. The loss port takes a
// `multiGeneratorLoss` (e.g. multiGeneratorLoss/mad-gan from @gantry/losses); unbound, the built-in
// MAD-GAN loss with params.labelSmoothing.
import { entry } from "@gantry/core";
import { madgan } from "./madgan.js";
import { madganSchema, type MadganPorts } from "./madgan-schema.js";

export const madganEntry = entry({
  kind: "method",
  name: "madgan",
  description: "MAD-GAN: k generators sharing layers against one (k + 1)-way discriminator, against mode collapse",
  params: madganSchema,
  inputs: {
    data: "dataset", generator: "network", discriminator: "network", loss: "multiGeneratorLoss?",
    regularizers: ["regularizer"], gOptimizer: "optimizer?", dOptimizer: "optimizer?",
  },
  create: (p, inputs) => madgan({ ...p, ...(inputs as unknown as MadganPorts) }),
});
