// The plugin object: provides every adversarial loss by name (kind "loss", and "multiGeneratorLoss"
// for k-generator methods) with its zod params.
import { definePlugin, entry } from "@gantry/core";
import pkg from "../package.json" with { type: "json" };
import { hinge, hingeSchema } from "./hinge.js";
import { leastSquares, leastSquaresSchema } from "./least-squares.js";
import { madGan, madGanSchema } from "./mad-gan.js";
import { minimax, minimaxSchema } from "./minimax.js";
import { nonSaturating, nonSaturatingSchema } from "./non-saturating.js";
import { relativisticAverage, relativisticAverageSchema } from "./relativistic-average.js";
import { wasserstein, wassersteinSchema } from "./wasserstein.js";

export const lossesPlugin = definePlugin({
  name: "@gantry/losses",
  version: pkg.version,
  provides: [
    entry({ kind: "loss", name: "minimax", params: minimaxSchema, create: (p) => minimax(p),
      description: "saturating minimax loss (Goodfellow et al. 2014): G minimises log(1 − D(G(z)))" }),
    entry({ kind: "loss", name: "non-saturating", params: nonSaturatingSchema, create: (p) => nonSaturating(p),
      description: "modified minimax loss: G minimises −log D(G(z))" }),
    entry({ kind: "loss", name: "wasserstein", params: wassersteinSchema, create: () => wasserstein(),
      description: "Wasserstein critic loss (Arjovsky et al. 2017); pair with a Lipschitz regularizer" }),
    entry({ kind: "loss", name: "hinge", params: hingeSchema, create: () => hinge(),
      description: "hinge loss (Lim & Ye 2017, Miyato et al. 2018)" }),
    entry({ kind: "loss", name: "least-squares", params: leastSquaresSchema, create: (p) => leastSquares(p),
      description: "least-squares loss (LSGAN, Mao et al. 2017)" }),
    entry({ kind: "loss", name: "relativistic-average", params: relativisticAverageSchema, create: () => relativisticAverage(),
      description: "relativistic average standard loss (RaSGAN, Jolicoeur-Martineau 2018)" }),
    entry({ kind: "multiGeneratorLoss", name: "mad-gan", params: madGanSchema, create: (p) => madGan(p),
      description: "MAD-GAN's (k + 1)-way loss (Ghosh et al. 2018): D says real or which of k generators; for method/madgan" }),
  ],
});
