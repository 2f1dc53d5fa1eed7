// Mode collapse on the 8-Gaussian ring (radius 2, σ 0.02) and the 25-Gaussian grid (σ 0.05), each a fixed
// set of 50 000 points (so AdaGAN can reweight them; every method trains on the same points): the vanilla
// `alternating` GAN (non-saturating) against MAD-GAN (Ghosh et al. 2018: k generators sharing all layers
// but the last, D with k + 1 outputs) and AdaGAN (Tolstikhin et al. 2017: T rounds of that same vanilla
// GAN on reweighted data, mixed), with the same network sizes, optimizers and generator-step budget (one
// MAD-GAN step updates all k generators once; AdaGAN's T × steps per round = the budget), per seed.
// Quality is @gantry/metrics' mode coverage of 2 500 samples (VEEGAN/PacGAN protocol): modes captured, and
// the share of samples within the 2-D "3σ" radius of their nearest mode.
// Run: nice -n 10 npx tsx benchmarks/mode-collapse.ts [--methods vanilla,madgan,adagan] [--data ring,grid]
//      [--steps 10000] [--seeds 1,2,3,4,5] [--lr 1e-3] [--batch 128] [--k 4] [--rounds 5] [--beta paper|0.3]
//      [--classifier-steps 1000] [--every 2000]
// Networks: G 16-128-128-2, D 2-128-128-(1 | k + 1), leakyReLU (MAD-GAN's toy D); Adam(lr, β₁ 0.5) for G
// and D of every method; batch 128 real (+ 128 fakes per generator for MAD-GAN); AdaGAN's classifier has
// D's architecture (the paper's choice), Adam(1e-3). Single-threaded wasm; see benchmarks/README.md for
// the last measured tables and their compute time.
import { adam, useBackend, type Dataset, type Method } from "@gantry/core";
import { wasm } from "../packages/backend-wasm/src/node.ts";
import { nonSaturating } from "../packages/losses/src/index.ts";
import { adagan, alternating, madgan, mlp } from "../packages/models/src/index.ts";
import { SAMPLES, arg, datasets, printTable, toyNetworks, trainAndMeasure } from "./mode-collapse-kit.ts";

const methods = arg("--methods", "vanilla,madgan,adagan").split(",");
const which = arg("--data", "ring,grid").split(",");
const steps = Number(arg("--steps", "10000"));
const seeds = arg("--seeds", "1,2,3,4,5").split(",").map(Number);
const lr = Number(arg("--lr", "1e-3"));
const batchSize = Number(arg("--batch", "128"));
const k = Number(arg("--k", "4"));
const rounds = Number(arg("--rounds", "5"));
const betaArg = arg("--beta", "paper");
const classifierSteps = Number(arg("--classifier-steps", "1000"));
const every = Number(arg("--every", String(steps / rounds)));
if (steps % rounds !== 0) throw new Error(`--steps ${steps} must be a multiple of --rounds ${rounds}`);

const vanilla = (data: Dataset, seed: number, n: number): Method =>
  alternating({ data, batchSize, seed, steps: n, loss: nonSaturating(), ...toyNetworks(1, lr) });

const trainers: Record<string, (data: Dataset, seed: number) => Method> = {
  vanilla: (data, seed) => vanilla(data, seed, steps),
  madgan: (data, seed) => madgan({ data, batchSize, seed, steps, generators: k, ...toyNetworks(k + 1, lr) }),
  adagan: (data, seed) => adagan({
    data, rounds, stepsPerRound: steps / rounds, beta: betaArg === "paper" ? "paper" : Number(betaArg),
    classifierSteps, classifierBatchSize: batchSize, seed,
    base: (r) => vanilla(r.data, r.seed, r.steps),
    classifier: mlp({ input: 2, hidden: [128, 128], output: 1, activation: "leakyRelu" }),
    classifierOptimizer: adam({ lr: 1e-3, betas: [0.5, 0.999] }),
  }),
};
const labels: Record<string, string> = { vanilla: "vanilla", madgan: `MAD-GAN k=${k}`, adagan: `AdaGAN T=${rounds}` };
for (const m of methods) if (!trainers[m]) throw new Error(`unknown method ${m}: use ${Object.keys(trainers).join(", ")}`);

await useBackend(wasm, { log: () => {} });
const sets = datasets(50000);
for (const name of which) {
  const { data, modes } = sets[name];
  const results = [];
  for (const seed of seeds) {
    const row = [];
    for (const m of methods) row.push(await trainAndMeasure(trainers[m](data, seed), `${name} ${m}`, data, modes, seed, steps, every));
    results.push(row);
  }
  printTable(`${name} (${modes} modes, 50 000 fixed points), ${steps} generator steps, Adam ${lr}, batch ${batchSize}, AdaGAN β ${betaArg}; ${SAMPLES} samples per evaluation`, modes, methods.map((m) => labels[m]), seeds, results);
}
