// Mode collapse on the 8-Gaussian ring (radius 2, σ 0.02) and the 25-Gaussian grid (σ 0.05): vanilla
// `alternating` (non-saturating) against MAD-GAN (Ghosh et al. 2018; k generators sharing all layers but
// the last, D with k + 1 outputs) with the same network sizes, optimizers and generator-step budget (one
// MAD-GAN step updates all k generators once), per seed. Quality is @gantry/metrics' mode-coverage on
// 2 500 samples: modes captured, and the share of samples within the 2-D "3σ" radius of their nearest mode.
// Run: nice -n 10 npx tsx benchmarks/madgan.ts [--steps 2500] [--seeds 1,2,3,4,5] [--k 4] [--data ring,grid]
//      [--lr 1e-3] [--batch 128] [--vanilla-batch 128] [--every 500] [--only vanilla|madgan]
// Networks: G 16-128-128-2, D 2-128-128-(1 | k + 1), leakyReLU (the authors' toy D); Adam(lr, β₁ 0.5)
// for both networks of both methods; batch 128 real (+ 128 per generator for MAD-GAN). The authors' lr
// 1e-4 learns too slowly for a 2 500-step budget, hence 1e-3 (benchmarks/README.md). Single-threaded
// wasm; the defaults take about 15 minutes on a 2-core machine (vanilla ≈ 8 ms/step, MAD-GAN k = 4 ≈ 27).
import { Rng, adam, useBackend, type Dataset, type Method } from "@gantry/core";
import { wasm } from "../packages/backend-wasm/src/index.ts";
import { grid, ring } from "../packages/data/src/index.ts";
import { nonSaturating } from "../packages/losses/src/index.ts";
import { modeCoverage } from "../packages/metrics/src/index.ts";
import { alternating, madgan, mlp } from "../packages/models/src/index.ts";

const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const steps = Number(arg("--steps", "2500"));
const every = Number(arg("--every", "500"));
const seeds = arg("--seeds", "1,2,3,4,5").split(",").map(Number);
const k = Number(arg("--k", "4"));
const lr = Number(arg("--lr", "1e-3"));
const batchSize = Number(arg("--batch", "128"));
// Vanilla's batch, to match MAD-GAN's fakes per step (k × batch) instead of its real batch.
const vanillaBatch = Number(arg("--vanilla-batch", String(batchSize)));
const only = arg("--only", "");
const which = arg("--data", "ring,grid").split(",");
const SAMPLES = 2500;

const datasets: Record<string, { data: Dataset; modes: number }> = {
  ring: { data: ring({ modes: 8, radius: 2, std: 0.02 }), modes: 8 },
  grid: { data: grid({ std: 0.05 }), modes: 25 },
};

function networks(dOutputs: number) {
  return {
    generator: mlp({ input: 16, hidden: [128, 128], output: 2, activation: "leakyRelu" }),
    discriminator: mlp({ input: 2, hidden: [128, 128], output: dOutputs, activation: "leakyRelu" }),
    gOptimizer: adam({ lr, betas: [0.5, 0.999] }),
    dOptimizer: adam({ lr, betas: [0.5, 0.999] }),
  };
}

function trainer(method: "vanilla" | "madgan", data: Dataset, seed: number): Method {
  return method === "vanilla"
    ? alternating({ data, batchSize: vanillaBatch, seed, steps, loss: nonSaturating(), ...networks(1) })
    : madgan({ data, batchSize, seed, steps, generators: k, ...networks(k + 1) });
}

interface Coverage { readonly modes: number; readonly highQuality: number }

async function coverage(t: Method, data: Dataset, seed: number): Promise<Coverage> {
  const x = t.sample(SAMPLES, Rng.seeded(seed).split("evaluation").nextSeed());
  const r = modeCoverage({ rows: SAMPLES, dim: 2, data: await x.data() as Float32Array }, data.info.mixture!);
  x.dispose();
  return { modes: r.modesCaptured, highQuality: r.highQuality };
}

async function run(method: "vanilla" | "madgan", name: string, seed: number): Promise<{ final: Coverage; msPerStep: number }> {
  const { data, modes } = datasets[name];
  const t = trainer(method, data, seed);
  const t0 = performance.now();
  let final: Coverage = { modes: NaN, highQuality: NaN };
  for (let s = 1; s <= steps; s++) {
    await t.step();
    if (s % every === 0 || s === steps) {
      final = await coverage(t, data, seed);
      console.error(`  ${name} ${method} seed ${seed} step ${s}: ${final.modes}/${modes} modes, high quality ${(100 * final.highQuality).toFixed(1)} %`);
    }
  }
  const msPerStep = (performance.now() - t0) / steps;
  t.dispose();
  return { final, msPerStep };
}

await useBackend(wasm, { log: () => {} });
const skipped = { final: { modes: NaN, highQuality: NaN }, msPerStep: NaN };
for (const name of which) {
  const { modes } = datasets[name];
  console.log(`\n${name} (${modes} modes), ${steps} generator steps, MAD-GAN k = ${k}, Adam ${lr}, batch ${batchSize} (vanilla ${vanillaBatch}); ${SAMPLES} samples per evaluation`);
  const rows: string[] = [];
  const sum = { v: { m: 0, q: 0 }, g: { m: 0, q: 0 } };
  for (const seed of seeds) {
    const v = only === "madgan" ? skipped : await run("vanilla", name, seed);
    const g = only === "vanilla" ? skipped : await run("madgan", name, seed);
    sum.v.m += v.final.modes; sum.v.q += v.final.highQuality; sum.g.m += g.final.modes; sum.g.q += g.final.highQuality;
    rows.push(`| ${seed} | ${v.final.modes}/${modes} | ${(100 * v.final.highQuality).toFixed(1)} % | ${g.final.modes}/${modes} | ${(100 * g.final.highQuality).toFixed(1)} % | ${v.msPerStep.toFixed(0)} / ${g.msPerStep.toFixed(0)} |`);
  }
  const n = seeds.length;
  console.log(`| seed | vanilla modes | vanilla high quality | MAD-GAN modes | MAD-GAN high quality | ms/step (vanilla / MAD-GAN) |\n|---:|---:|---:|---:|---:|---:|`);
  for (const r of rows) console.log(r);
  console.log(`| mean | ${(sum.v.m / n).toFixed(1)}/${modes} | ${(100 * sum.v.q / n).toFixed(1)} % | ${(sum.g.m / n).toFixed(1)}/${modes} | ${(100 * sum.g.q / n).toFixed(1)} % | |`);
}
