// Shared tsup preset: ESM + .d.ts, every dependency external (so @tensorflow/tfjs-core stays one copy).
import type { Options } from "tsup";

export function preset(overrides: Options = {}): Options {
  return {
    entry: ["src/index.ts"],
    format: ["esm"],
    target: "node20",
    platform: "node",
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: false,
    dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
    skipNodeModulesBundle: true,
    ...overrides,
  };
}
