// The fault suite (`npm run test:faults`): kills real runs for about a minute, so it stays out of the
// package's own `vitest run` (whose include is src/**/*.test.ts).
import { preset } from "../../tools/vitest.preset.ts";

export default preset({ include: ["src/faults/**/*.faults.ts"], testTimeout: 170_000 });
