// Mode collapse on the 8-Gaussian ring (Metz et al. 2017, §3.1: radius 2, σ 0.02): the vanilla
// `alternating` GAN against Unrolled GANs (K = 5, second order) with the same networks, optimizers
// and generator-step budget, per seed. Quality is @gantry/metrics' mode-coverage on 2 500 samples:
// modes captured of 8, and the share of samples within the 2-D "3σ" radius of their nearest mode.
// Run: npx tsx benchmarks/unrolled-ring.ts [--steps 2000] [--seeds 1,2,3,4,5] [--every 500] [--k 5]
//      [--mode second-order|first-order] [--loss non-saturating|minimax] [--only vanilla|unrolled]
//      [--d-hidden 128] [--activation tanh|relu|leakyRelu]
// Defaults are examples/specs/unrolled.yaml's: the paper's ring GAN (G 256-128-128-2, D 2-128-1, tanh
// as in its reference code), G Adam 1e-3, D Adam 1e-4, β₁ 0.5, batch 512. Single-threaded wasm; about
// 27 min of compute for the defaults on a quiet 2-core machine (vanilla ≈ 43 ms/step, K = 5 ≈ 118 ms).
import { Rng, adam, useBackend, type Lookahead } from "@gantry/core";
import { wasm } from "../packages/backend-wasm/src/node.ts";
import { ring } from "../packages/data/src/index.ts";
import { minimax, nonSaturating } from "../packages/losses/src/index.ts";
import { modeCoverage } from "../packages/metrics/src/index.ts";
import { alternating, mlp } from "../packages/models/src/index.ts";
import { unrolled, type UnrolledMode } from "../packages/unrolled-optimizer/src/index.ts";

const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const steps = Number(arg("--steps", "2000"));
const every = Number(arg("--every", "500"));
const seeds = arg("--seeds", "1,2,3,4,5").split(",").map(Number);
const k = Number(arg("--k", "5"));
const mode = arg("--mode", "second-order") as UnrolledMode;
const lossName = arg("--loss", "non-saturating");
const only = arg("--only", "");
const dHidden = arg("--d-hidden", "128").split(",").map(Number);
const activation = arg("--activation", "tanh") as "tanh" | "relu" | "leakyRelu";
const SAMPLES = 2500;

const data = ring({ modes: 8, radius: 2, std: 0.02 });
const mixture = data.info.mixture;

function trainer(seed: number, lookahead?: Lookahead) {
  return alternating({
    data, batchSize: 512, seed, steps,
    generator: mlp({ input: 256, hidden: [128, 128], output: 2, activation }),
    discriminator: mlp({ input: 2, hidden: dHidden, output: 1, activation }),
    loss: lossName === "minimax" ? minimax() : nonSaturating(),
    gOptimizer: adam({ lr: 1e-3, betas: [0.5, 0.999] }),
    dOptimizer: adam({ lr: 1e-4, betas: [0.5, 0.999] }),
    ...(lookahead ? { lookahead } : {}),
  });
}

interface Coverage { readonly modes: number; readonly highQuality: number; readonly counts: readonly number[] }

async function coverage(t: ReturnType<typeof trainer>, seed: number): Promise<Coverage> {
  const x = t.sample(SAMPLES, Rng.seeded(seed).split("evaluation").nextSeed());
  const r = modeCoverage({ rows: SAMPLES, dim: 2, data: await x.data() as Float32Array }, mixture);
  x.dispose();
  return { modes: r.modesCaptured, highQuality: r.highQuality, counts: r.counts };
}

/** Trains for `steps` generator steps; coverage every `every` steps (the last one is the result). */
async function run(name: string, seed: number, lookahead?: Lookahead): Promise<{ final: Coverage; msPerStep: number }> {
  const t = trainer(seed, lookahead);
  const t0 = performance.now();
  let final: Coverage | undefined;
  for (let s = 1; s <= steps; s++) {
    await t.step();
    if (s % every === 0 || s === steps) {
      final = await coverage(t, seed);
      console.error(`  ${name} seed ${seed} step ${s}: ${final.modes}/8 modes, high quality ${(100 * final.highQuality).toFixed(1)} %, counts [${final.counts.join(" ")}]`);
    }
  }
  const msPerStep = (performance.now() - t0) / steps;
  t.dispose();
  return { final: final as Coverage, msPerStep };
}

await useBackend(wasm, { log: () => {} });
console.log(`8-Gaussian ring, ${steps} generator steps, ${lossName} loss, Unrolled K = ${k} ${mode}; ${SAMPLES} samples per evaluation`);
const rows: string[] = [];
const totals = { vanilla: { modes: 0, hq: 0 }, unrolled: { modes: 0, hq: 0 } };
for (const seed of seeds) {
  const skipped = { final: { modes: NaN, highQuality: NaN, counts: [] }, msPerStep: NaN };
  const v = only === "unrolled" ? skipped : await run("vanilla", seed);
  const u = only === "vanilla" ? skipped : await run(`unrolled K=${k}`, seed, unrolled({ steps: k, mode }));
  totals.vanilla.modes += v.final.modes; totals.vanilla.hq += v.final.highQuality;
  totals.unrolled.modes += u.final.modes; totals.unrolled.hq += u.final.highQuality;
  rows.push(`| ${seed} | ${v.final.modes}/8 | ${(100 * v.final.highQuality).toFixed(1)} % | ${u.final.modes}/8 | ${(100 * u.final.highQuality).toFixed(1)} % | ${v.msPerStep.toFixed(0)} / ${u.msPerStep.toFixed(0)} |`);
}
const n = seeds.length;
console.log("| seed | vanilla modes | vanilla high quality | unrolled modes | unrolled high quality | ms/step (vanilla / unrolled) |\n|---:|---:|---:|---:|---:|---:|");
for (const r of rows) console.log(r);
console.log(`| mean | ${(totals.vanilla.modes / n).toFixed(1)}/8 | ${(100 * totals.vanilla.hq / n).toFixed(1)} % | ${(totals.unrolled.modes / n).toFixed(1)}/8 | ${(100 * totals.unrolled.hq / n).toFixed(1)} % | |`);
