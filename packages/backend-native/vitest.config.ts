import { preset } from "../../tools/vitest.preset.ts";

export default preset();
