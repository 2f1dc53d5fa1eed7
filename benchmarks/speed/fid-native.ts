// The child that times frechetDistance with @gantry/backend-native's LAPACK route (dsyevd + dgemm) on
// benchmarks/fid-sqrtm.ts's covariances (the fixture generator), printing one FidRow JSON line.
// Run by fid.ts: npx tsx benchmarks/speed/fid-native.ts --d 2048 [--threads 1]
import { loadAddon, nativeLinearAlgebra } from "../../packages/backend-native/src/index.ts";
import { frechetDistance } from "../../packages/metrics/src/frechet-distance.ts";
import { fixtureGaussian } from "../../packages/metrics/src/fixture-gaussians.test-support.ts";

const arg = (name: string, fallback: number): number => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const d = arg("--d", 2048);
const loaded = loadAddon();
const linearAlgebra = nativeLinearAlgebra();
if (!loaded.ok || !linearAlgebra) throw new Error(`fid-native.ts: the native addon is unavailable${loaded.ok ? "" : `: ${loaded.reason}`}`);
if (process.argv.includes("--threads")) loaded.addon.setThreads(arg("--threads", 1));
const k = Math.floor((d * 5) / 4);
const a = fixtureGaussian(101, d, k, 1);
const b = fixtureGaussian(202, d, k, 0.5);
const t = performance.now();
const fid = frechetDistance(a, b, { epsilon: 0, linearAlgebra }).fid;
const seconds = (performance.now() - t) / 1000;
const method = `gantry frechetDistance, native LAPACK (${loaded.addon.threads()} OpenBLAS thr)`;
console.log(JSON.stringify({ method, d, seconds, fid, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
