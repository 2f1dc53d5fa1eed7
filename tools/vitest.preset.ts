// Shared vitest preset: tests import sibling packages from source (alias), never inline tfjs,
// and run in forked processes (TF.js keeps global engine state per process).
import { readdirSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { defineConfig, type ViteUserConfig } from "vitest/config";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const packagesDir = join(root, "packages");

/** Package entries by subpath: "." is src/index.ts, "./node" (browser-safe packages' Node-only subpath) src/node.ts. */
const ENTRIES = [["", "index.ts"], ["/node", "node.ts"]] as const;

function workspaceAliases(): { find: RegExp; replacement: string }[] {
  // Core's dist bundles tfjs-core's ESM gradient registrations, which Node cannot load from source
  // (ADR 0011); under test the union package, which registers the same gradients, stands in for them.
  const aliases = [{ find: /^@tensorflow\/tfjs-core\/dist\/register_all_gradients\.js$/, replacement: "@tensorflow/tfjs" }];
  for (const name of readdirSync(packagesDir)) {
    for (const [subpath, file] of ENTRIES) {
      const entry = join(packagesDir, name, "src", file);
      // Exact matches: a prefix alias would send "@gantry/x/node" to "src/index.ts/node".
      if (existsSync(entry)) aliases.push({ find: new RegExp(`^@gantry/${name}${subpath}$`), replacement: entry });
    }
  }
  return aliases;
}

export function preset(overrides: ViteUserConfig["test"] = {}): ViteUserConfig {
  return defineConfig({
    resolve: { alias: workspaceAliases() },
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      pool: "forks",
      passWithNoTests: true,
      maxWorkers: 2,
      testTimeout: 120_000,
      hookTimeout: 120_000,
      server: { deps: { external: [/@tensorflow/, /node_modules/] } },
      ...overrides,
    },
  });
}
