// benchmarks/ is not an nx project, so `npm test` does not run this folder's tests; run them with
//   npx vitest run --config benchmarks/mode-collapse/vitest.config.ts
// The root is this folder whatever the working directory, so `*.test.ts` means the tests beside it.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { preset } from "../../tools/vitest.preset.ts";

export default { ...preset({ include: ["*.test.ts"] }), root: dirname(fileURLToPath(import.meta.url)) };
