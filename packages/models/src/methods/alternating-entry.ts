// The plugin entry method/alternating: params (alternatingSchema) plus the ports of docs/architecture.md.
import { entry } from "@gantry/core";
import { alternating } from "./alternating.js";
import { alternatingSchema, type AlternatingPorts } from "./alternating-schema.js";

export const alternatingEntry = entry({
  kind: "method",
  name: "alternating",
  description: "k discriminator updates (fresh real batch each) per generator update; any loss, regularizers, look-ahead, EMA",
  params: alternatingSchema,
  inputs: {
    data: "dataset", generator: "network", discriminator: "network", loss: "loss",
    regularizers: ["regularizer"], lookahead: "lookahead?", gOptimizer: "optimizer?", dOptimizer: "optimizer?",
  },
  create: (p, inputs) => alternating({ ...p, ...(inputs as unknown as AlternatingPorts) }),
});
