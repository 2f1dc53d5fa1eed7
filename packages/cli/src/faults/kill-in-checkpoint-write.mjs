// Preloaded into a `gantry` process by the fault suite (node --import this-file?step=12&op=5): SIGKILLs
// the process at the op-th file-system call of the checkpoint write for that step (a write call is
// first cut in half), so a kill lands inside the write itself, not just near it. Test-only: it wraps
// node:fs from outside the process's code, and nothing in Gantry reads it.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

const query = new URL(import.meta.url).searchParams;
const marker = `.tmp-step-${String(query.get("step")).padStart(6, "0")}-`;
const killAt = Number(query.get("op"));
const ops = ["mkdirSync", "rmSync", "openSync", "writeSync", "fsyncSync", "closeSync", "renameSync", "appendFileSync"];
let seen = -1; // calls since the write began; -1 until it does

for (const name of ops) {
  const original = fs[name];
  fs[name] = function (...args) {
    if (seen < 0 && typeof args[0] === "string" && args[0].includes(marker)) seen = 0;
    if (seen >= 0 && ++seen === killAt) {
      if (name === "writeSync" && typeof args[3] === "number") original.call(this, args[0], args[1], args[2], args[3] >> 1);
      process.kill(process.pid, "SIGKILL");
    }
    return original.apply(this, args);
  };
}
syncBuiltinESMExports();
