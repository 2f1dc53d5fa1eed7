import { defineConfig } from "tsup";
import { preset } from "../../tools/tsup.preset.ts";

// tfjs-core's stock gradient registrations are bundled into dist: see src/backend/stock-gradients.ts, ADR 0011.
export default defineConfig(preset({ noExternal: [/^@tensorflow\/tfjs-core\/dist\/register_all_gradients/, /^long$/], splitting: true }));
