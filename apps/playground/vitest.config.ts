import { fileURLToPath } from "node:url";
import type { ViteUserConfig } from "vitest/config";
import { preset } from "../../tools/vitest.preset.ts";

// The spec test runs the built CLI (packages/cli/dist), so build first: npm run build.
// root: the playground, also when run from the repository root (--config apps/playground/vitest.config.ts).
const config: ViteUserConfig = { ...preset({ testTimeout: 300_000 }), root: fileURLToPath(new URL(".", import.meta.url)) };
export default config;
