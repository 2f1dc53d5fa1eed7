// FID's Tr((Σ₁Σ₂)^½) at d = 2048 for benchmarks/speed, once per run (not interleaved: it takes minutes):
// Gantry's frechetDistance through benchmarks/fid-sqrtm.ts's child mode, scipy sqrtm and numpy eigh
// through benchmarks/fid_scipy.py — the same xorshift32 covariances on both sides, code not duplicated —
// and frechetDistance on backend-native's LAPACK (fid-native.ts) at 1 and OpenBLAS's default threads.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface FidRow { readonly method: string; readonly d: number; readonly seconds: number; readonly fid: number; readonly peakRssMB: number }

const here = (file: string): string => fileURLToPath(new URL(`../${file}`, import.meta.url));
/** fid-sqrtm.ts's name for the shipped route (its child mode runs one method by this name). */
const GANTRY_JS = "gantry frechetDistance (ml-matrix sym. EVD ×2)";

function jsonLines(out: string): FidRow[] {
  return out.trim().split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as FidRow);
}

function run(command: string, args: readonly string[], what: string): string {
  const r = spawnSync(command, args, { encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${what} failed (status ${r.status}): ${r.stderr.slice(-2000)}`);
  return r.stdout;
}

/** scipy sqrtm, numpy eigh, then Gantry's route(s); each in its own process, one after another. */
export function fidRows(python: string, d = 2048): FidRow[] {
  const rows = jsonLines(run(python, [here("fid_scipy.py"), "--d", String(d)], "fid_scipy.py"));
  const child = [...process.execArgv, here("fid-sqrtm.ts"), "--child", GANTRY_JS, "--d", String(d)];
  rows.push(...jsonLines(run(process.execPath, child, "fid-sqrtm.ts --child")));
  const native = fileURLToPath(new URL("./fid-native.ts", import.meta.url));
  for (const threads of [["--threads", "1"], []]) {
    rows.push(...jsonLines(run(process.execPath, [...process.execArgv, native, "--d", String(d), ...threads], "fid-native.ts")));
  }
  return rows;
}
