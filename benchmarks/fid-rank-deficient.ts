// FID on rank-deficient covariances at d = 2048 (Inception's pool3 size, n = 300 samples per side, so
// rank ≤ 299): Gantry's exact default against scipy.linalg.sqrtm without ε, timed in the same run, and
// the committed fixture (packages/metrics/src/fixtures/rank-deficient-fid.json, benchmarkCases). Too slow
// for the unit suite (minutes in pure JS), which checks the same thing at d = 64.
// Run: nice -n 10 npx tsx benchmarks/fid-rank-deficient.ts [--no-scipy]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { featureMatrix } from "../packages/metrics/src/feature-matrix.ts";
import { fixtureSamples } from "../packages/metrics/src/fixture-gaussians.test-support.ts";
import fixture from "../packages/metrics/src/fixtures/rank-deficient-fid.json" with { type: "json" };
import { frechetDistance } from "../packages/metrics/src/frechet-distance.ts";
import { gaussianStatistics } from "../packages/metrics/src/running-moments.ts";

interface Row { readonly method: string; readonly seconds?: number; readonly fid: number }

const script = fileURLToPath(new URL("../packages/metrics/src/fixtures/make_rank_deficient_fid.py", import.meta.url));

for (const c of fixture.benchmarkCases) {
  const stats = [c.side1, c.side2].map((s) => gaussianStatistics(featureMatrix(fixtureSamples(s.seed, s.n, c.d, s.scale, s.shift), s.n, c.d)));
  const rows: Row[] = [];
  if (!process.argv.includes("--no-scipy")) {
    const py = spawnSync("python3", [script, "--time", c.name], { encoding: "utf8" });
    if (py.status !== 0) throw new Error(`scipy timing failed: ${py.stderr}`);
    rows.push({ method: "scipy sqrtm(Σ₁Σ₂), no ε (pytorch-fid when finite)", ...(JSON.parse(py.stdout) as { seconds: number; fid: number }) });
  }
  const t = performance.now();
  const r = frechetDistance(stats[0], stats[1]);
  rows.push({ method: `gantry frechetDistance (default; ε used: ${r.epsilon})`, seconds: (performance.now() - t) / 1000, fid: r.fid });
  rows.push({ method: "fixture: scipy sqrtm, no ε", fid: c.fidExact });
  rows.push({ method: "fixture: numpy eigh route, no ε", fid: c.fidEigh });
  rows.push({ method: `fixture: scipy sqrtm with ${fixture.epsilon}·I (Gantry's old default)`, fid: c.fidEpsilon });
  const base = rows[0].seconds;
  console.log(`${c.name}: d = ${c.d}, n = ${c.side1.n} and ${c.side2.n}, ranks ${c.rank1} and ${c.rank2}; scipy ${fixture.scipy} in the fixture`);
  console.log("| method | seconds | × scipy | FID | rel. diff vs fixture's exact |\n|---|---:|---:|---:|---:|");
  for (const row of rows) {
    const secs = row.seconds === undefined ? "" : row.seconds.toFixed(1);
    const ratio = row.seconds === undefined || base === undefined ? "" : (row.seconds / base).toFixed(1);
    console.log(`| ${row.method} | ${secs} | ${ratio} | ${row.fid.toFixed(9)} | ${(Math.abs(row.fid - c.fidExact) / c.fidExact).toExponential(1)} |`);
  }
  for (const w of r.warnings) console.log(`warning: ${w}`);
}
