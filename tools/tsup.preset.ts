// Shared tsup presets: ESM + .d.ts, every dependency external (so @tensorflow/tfjs-core stays one copy).
// `preset` builds Node-only packages; `browserSafePreset` builds packages whose root entry a browser
// bundle can import (see tools/check-browser-bundle.mjs).
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

/**
 * Browser-safe packages: `src/index.ts` (the root, no node:* imports) and, when the package has one,
 * `src/node.ts` (the `./node` subpath: file access, Node discovery). Both entries are one esbuild build
 * with code splitting, so a module both use (a plugin's shared entries, a backend's module state) is one
 * shared chunk, not two copies. The build is `neutral` rather than `node`: nothing Node-specific is
 * injected into the chunks a page loads; node:* imports of the ./node entry stay external (and keep their
 * `node:` prefix, so a browser bundler names them as Node built-ins).
 */
export function browserSafePreset(overrides: Options = {}): Options {
  return preset({ platform: "neutral", target: ["es2022", "node20"], splitting: true, removeNodeProtocol: false, ...overrides });
}
