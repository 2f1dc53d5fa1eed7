import { defineConfig } from "tsup";
import { preset } from "../../tools/tsup.preset.ts";

export default defineConfig(preset());
