import { defineConfig } from "tsup";
import { browserSafePreset } from "../../tools/tsup.preset.ts";

// The root entry is browser-safe; ./node (src/node.ts) holds what needs Node (see the README).
export default defineConfig(browserSafePreset({ entry: ["src/index.ts", "src/node.ts"] }));
