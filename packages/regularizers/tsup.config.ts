import { defineConfig } from "tsup";
import { browserSafePreset } from "../../tools/tsup.preset.ts";

export default defineConfig(browserSafePreset());
