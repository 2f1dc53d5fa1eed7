import { defineConfig } from "tsup";
import { browserSafePreset } from "../../tools/tsup.preset.ts";

// tfjs-core's stock gradient registrations are bundled into dist: see src/backend/stock-gradients.ts, ADR 0011.
// mainFields: the neutral platform has none, and `long` (bundled with them) has only "main".
export default defineConfig(browserSafePreset({
  noExternal: [/^@tensorflow\/tfjs-core\/dist\/register_all_gradients/, /^long$/],
  esbuildOptions: (o) => { o.mainFields = ["module", "main"]; },
}));
