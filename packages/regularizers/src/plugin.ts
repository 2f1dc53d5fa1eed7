// The plugin object: every regularizer by name (kind "regularizer") with its zod params. A spec node's
// name becomes the regularizer's key, so its random stream survives reordering the list.
import { definePlugin, entry, type CreateContext } from "@gantry/core";
import pkg from "../package.json" with { type: "json" };
import { gradientPenalty, gradientPenaltySchema } from "./gradient-penalty.js";
import { instanceNoise, instanceNoiseSchema } from "./instance-noise.js";
import { r1, r2, zeroCenteredPenaltySchema } from "./r1-r2.js";
import { roth, rothSchema } from "./roth.js";
import { spectralNorm, spectralNormSchema } from "./spectral-norm.js";
import { weightClipping, weightClippingSchema } from "./weight-clipping.js";

const keyOf = (context: CreateContext) => (context.node !== undefined ? { key: context.node } : {});

export const regularizersPlugin = definePlugin({
  name: "@gantry/regularizers",
  version: pkg.version,
  provides: [
    entry({ kind: "regularizer", name: "instance-noise", params: instanceNoiseSchema, create: (p, _i, c) => instanceNoise({ ...p, ...keyOf(c) }),
      description: "Gaussian noise N(0, σ_t²) on every D input, σ_t annealed (Arjovsky & Bottou 2017): against vanishing gradients and non-convergence" }),
    entry({ kind: "regularizer", name: "roth", params: rothSchema, create: (p, _i, c) => roth({ ...p, ...keyOf(c) }),
      description: "gradient-norm penalty weighted by D's confidence, γ annealed (Roth et al. 2017): instance noise in closed form; probability losses only" }),
    entry({ kind: "regularizer", name: "weight-clipping", params: weightClippingSchema, create: (p, _i, c) => weightClipping({ ...p, ...keyOf(c) }),
      description: "clamp every D parameter to [−c, c] after each update (WGAN, Arjovsky et al. 2017)" }),
    entry({ kind: "regularizer", name: "gradient-penalty", params: gradientPenaltySchema, create: (p, _i, c) => gradientPenalty({ ...p, ...keyOf(c) }),
      description: "λ·E(‖∇D(x̂)‖ − 1)² on real–fake interpolates (WGAN-GP, Gulrajani et al. 2017)" }),
    entry({ kind: "regularizer", name: "r1", params: zeroCenteredPenaltySchema, create: (p, _i, c) => r1({ ...p, ...keyOf(c) }),
      description: "(γ/2)·E‖∇D(x)‖² on real data (Mescheder et al. 2018)" }),
    entry({ kind: "regularizer", name: "r2", params: zeroCenteredPenaltySchema, create: (p, _i, c) => r2({ ...p, ...keyOf(c) }),
      description: "(γ/2)·E‖∇D(x)‖² on generated data (Mescheder et al. 2018)" }),
    entry({ kind: "regularizer", name: "spectral-norm", params: spectralNormSchema, create: (p, _i, c) => spectralNorm({ ...p, ...keyOf(c) }),
      description: "every D weight divided by its largest singular value, one power iteration per step (Miyato et al. 2018)" }),
  ],
});
