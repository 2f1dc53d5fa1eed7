// The plugin object: provides backend "cpu" by name, for useBackend(registry, ["cpu"]) and specs.
import { definePlugin, entry } from "@gantry/core";
import pkg from "../package.json" with { type: "json" };
import { cpu } from "./cpu-backend.js";

export const backendCpuPlugin = definePlugin({
  name: "@gantry/backend-cpu",
  version: pkg.version,
  provides: [entry({ kind: "backend", name: "cpu", description: "TF.js plain-JS kernels (always available, slowest)", create: () => cpu })],
});
