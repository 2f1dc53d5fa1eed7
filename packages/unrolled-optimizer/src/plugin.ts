// The plugin object: provides the Unrolled GAN look-ahead by name (kind "lookahead") with its zod params.
import { definePlugin, entry } from "@gantry/core";
import pkg from "../package.json" with { type: "json" };
import { unrolled } from "./unrolled.js";
import { unrolledSchema } from "./unrolled-schema.js";

export const unrolledOptimizerPlugin = definePlugin({
  name: "@gantry/unrolled-optimizer",
  version: pkg.version,
  provides: [
    entry({ kind: "lookahead", name: "unrolled", params: unrolledSchema, create: (p) => unrolled(p),
      description: "Unrolled GAN (Metz et al. 2017): G's loss against D after K steps of D's own optimizer, second or first order" }),
  ],
});
