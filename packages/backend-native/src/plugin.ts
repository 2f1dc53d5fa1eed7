// The plugin object: provides backend "native" by name, for useBackend(registry, ["native", …]) and specs.
import { definePlugin, entry } from "@gantry/core";
import pkg from "../package.json" with { type: "json" };
import { native } from "./native-backend.js";

export const backendNativePlugin = definePlugin({
  name: "@gantry/backend-native",
  version: pkg.version,
  provides: [entry({ kind: "backend", name: "native", description: "OpenBLAS GEMM and convolutions through a Node-API addon, tfjs-backend-cpu for the rest (Node only)", create: () => native })],
});
