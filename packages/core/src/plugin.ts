// The core plugin: the optimizers by name, so a spec can write
// `{ use: optimizer/adam, params: { lr: 2e-4, betas: [0.5, 0.999] } }`.
import pkg from "../package.json" with { type: "json" };
import { adam, adamSchema } from "./optimizers/adam.js";
import { rmsprop, rmspropSchema } from "./optimizers/rmsprop.js";
import { sgd, sgdSchema } from "./optimizers/sgd.js";
import { definePlugin, entry } from "./registry/plugin.js";

export const coreOptimizersPlugin = definePlugin({
  name: "@gantry/core",
  version: pkg.version,
  provides: [
    entry({ kind: "optimizer", name: "adam", description: "Adam as torch.optim.Adam (+ AMSGrad, optax's epsRoot)", params: adamSchema, create: (p) => adam(p) }),
    entry({ kind: "optimizer", name: "sgd", description: "SGD with momentum/Nesterov as torch.optim.SGD", params: sgdSchema, create: (p) => sgd(p) }),
    entry({ kind: "optimizer", name: "rmsprop", description: "RMSprop as torch.optim.RMSprop (+ centered)", params: rmspropSchema, create: (p) => rmsprop(p) }),
  ],
});
