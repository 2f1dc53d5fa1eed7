// The plugin entry network/mlp (params: mlpSchema); plugin.ts lists it, index.ts re-exports the MLP.
import { entry } from "@gantry/core";
import { mlp } from "./mlp.js";
import { mlpSchema } from "./mlp-schema.js";

export const mlpEntry = entry({
  kind: "network",
  name: "mlp",
  description: "multi-layer perceptron: dense layers with a hidden activation; toy-data generator and discriminator",
  params: mlpSchema,
  create: (p) => mlp(p),
});
