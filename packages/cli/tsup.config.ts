import { defineConfig } from "tsup";
import { preset } from "../../tools/tsup.preset.ts";

export default defineConfig(preset({ entry: ["src/index.ts", "src/bin.ts"] }));
