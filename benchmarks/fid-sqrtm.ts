// Speed of FID's Tr((Σ₁Σ₂)^½) at d = 2048 (Inception's pool3 size) in float64 JS, against scipy on the
// same covariances (benchmarks/fid_scipy.py, same xorshift32 generator). Each JS method runs in its
// own child process so its peak RSS is its own. Run: npx tsx benchmarks/fid-sqrtm.ts [--d 2048] [--all]
// (--all adds ml-matrix's general eigensolver on Σ₁Σ₂, which is much slower). Ratios are vs scipy sqrtm.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from "ml-matrix";
import { frechetDistance } from "../packages/metrics/src/frechet-distance.ts";
import { fixtureGaussian } from "../packages/metrics/src/fixture-gaussians.test-support.ts";
import type { GaussianStatistics } from "../packages/metrics/src/running-moments.ts";

interface Row { readonly method: string; readonly d: number; readonly seconds: number; readonly fid: number; readonly peakRssMB: number }

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const toMatrix = (flat: Float64Array, d: number): Matrix => new Matrix(Array.from({ length: d }, (_, i) => Array.from(flat.subarray(i * d, (i + 1) * d))));
const trace = (s: GaussianStatistics): number => Array.from({ length: s.dim }, (_, i) => s.cov[i * s.dim + i]).reduce((a, b) => a + b, 0);
const meanTerm = (a: GaussianStatistics, b: GaussianStatistics): number => a.mean.reduce((s, v, i) => s + (v - b.mean[i]) ** 2, 0);
const fromTraceSqrt = (a: GaussianStatistics, b: GaussianStatistics, traceSqrt: number): number => meanTerm(a, b) + trace(a) + trace(b) - 2 * traceSqrt;
const sumSqrt = (values: readonly number[]): number => values.reduce((s, v) => s + Math.sqrt(Math.max(v, 0)), 0);

const methods: Record<string, (a: GaussianStatistics, b: GaussianStatistics) => number> = {
  // The shipped path: eig(Σ₁) with vectors, then eigenvalues of D^½ Vᵀ Σ₂ V D^½.
  "gantry frechetDistance (ml-matrix sym. EVD ×2)": (a, b) => frechetDistance(a, b, { epsilon: 0 }).fid,
  // Σ₁ = LLᵀ; Lᵀ Σ₂ L is symmetric PSD with the eigenvalues of Σ₁Σ₂ (needs Σ₁ positive definite).
  "ml-matrix Cholesky + sym. EVD": (a, b) => {
    const l = new CholeskyDecomposition(toMatrix(a.cov, a.dim)).lowerTriangularMatrix;
    const inner = l.transpose().mmul(toMatrix(b.cov, b.dim)).mmul(l);
    return fromTraceSqrt(a, b, sumSqrt(new EigenvalueDecomposition(inner, { assumeSymmetric: true }).realEigenvalues));
  },
  // Eigenvalues of the non-symmetric Σ₁Σ₂ (Hessenberg + shifted QR).
  "ml-matrix general EVD of S1 S2": (a, b) => {
    const prod = toMatrix(a.cov, a.dim).mmul(toMatrix(b.cov, b.dim));
    return fromTraceSqrt(a, b, sumSqrt(new EigenvalueDecomposition(prod).realEigenvalues));
  },
};

function child(method: string, d: number): void {
  const k = Math.floor((d * 5) / 4);
  const a = fixtureGaussian(101, d, k, 1);
  const b = fixtureGaussian(202, d, k, 0.5);
  const t = performance.now();
  const fid = methods[method](a, b);
  const row: Row = { method, d, seconds: (performance.now() - t) / 1000, fid, peakRssMB: process.resourceUsage().maxRSS / 1024 };
  console.log(JSON.stringify(row));
}

function parent(d: number, all: boolean): void {
  const self = fileURLToPath(import.meta.url);
  const rows: Row[] = [];
  const py = spawnSync("python3", [self.replace(/fid-sqrtm\.ts$/, "fid_scipy.py"), "--d", String(d)], { encoding: "utf8" });
  rows.push(...py.stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Row));
  for (const method of Object.keys(methods)) {
    if (method.includes("general") && !all) continue;
    const r = spawnSync(process.execPath, [...process.execArgv, self, "--child", method, "--d", String(d)], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${method} failed: ${r.stderr}`);
    rows.push(JSON.parse(r.stdout.trim().split("\n").pop()!) as Row);
  }
  const base = rows[0];
  console.log(`FID sqrtm benchmark, d = ${d} (peak RSS includes building the covariances)`);
  console.log("| method | seconds | × scipy sqrtm | FID | rel. diff vs scipy | peak RSS MB |\n|---|---|---|---|---|---|");
  for (const r of rows) {
    console.log(`| ${r.method} | ${r.seconds.toFixed(2)} | ${(r.seconds / base.seconds).toFixed(1)} | ${r.fid.toFixed(6)} | ${(Math.abs(r.fid - base.fid) / base.fid).toExponential(1)} | ${r.peakRssMB.toFixed(0)} |`);
  }
}

const d = Number(arg("--d", "2048"));
if (process.argv.includes("--child")) child(arg("--child", ""), d);
else parent(d, process.argv.includes("--all"));
