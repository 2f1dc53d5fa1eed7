// Shared parts of the mode-collapse benchmarks (mode-collapse.ts): command-line flags, the synthetic
// data sets (8-Gaussian ring, radius 2, σ 0.02; 25-Gaussian grid, σ 0.05), the toy networks, mode coverage
// of a method's sampler on 2 500 samples (@gantry/metrics, VEEGAN/PacGAN protocol) and a timed training
// loop that reports coverage every few steps. Not a benchmark itself.
import { Rng, adam, type Dataset, type Method, type Network, type Optimizer } from "@gantry/core";
import { grid, ring } from "../packages/data/src/index.ts";
import { modeCoverage } from "../packages/metrics/src/index.ts";
import { mlp } from "../packages/models/src/index.ts";

/** `--name value` from the command line, or the fallback. */
export const arg = (name: string, fallback: string): string => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);

export const SAMPLES = 2500;

/** The ring and the grid; with `size`, fixed point sets (what AdaGAN can reweight). */
export function datasets(size?: number): Record<string, { data: Dataset; modes: number }> {
  const fixed = size !== undefined ? { size } : {};
  return {
    ring: { data: ring({ modes: 8, radius: 2, std: 0.02, ...fixed }), modes: 8 },
    grid: { data: grid({ std: 0.05, ...fixed }), modes: 25 },
  };
}

export interface ToyNetworks {
  readonly generator: Network;
  readonly discriminator: Network;
  readonly gOptimizer: Optimizer;
  readonly dOptimizer: Optimizer;
}

/** G 16-128-128-2 and D 2-128-128-dOutputs, leakyReLU (MAD-GAN's toy D); Adam(lr, β₁ 0.5) for both. */
export function toyNetworks(dOutputs: number, lr: number): ToyNetworks {
  return {
    generator: mlp({ input: 16, hidden: [128, 128], output: 2, activation: "leakyRelu" }),
    discriminator: mlp({ input: 2, hidden: [128, 128], output: dOutputs, activation: "leakyRelu" }),
    gOptimizer: adam({ lr, betas: [0.5, 0.999] }),
    dOptimizer: adam({ lr, betas: [0.5, 0.999] }),
  };
}

export interface Coverage { readonly modes: number; readonly highQuality: number }

/** Modes captured and high-quality share of 2 500 samples of the method's default sampler. */
export async function coverage(t: Method, data: Dataset, seed: number): Promise<Coverage> {
  const x = t.sample(SAMPLES, Rng.seeded(seed).split("evaluation").nextSeed());
  const r = modeCoverage({ rows: SAMPLES, dim: 2, data: await x.data() as Float32Array }, data.info.mixture!);
  x.dispose();
  return { modes: r.modesCaptured, highQuality: r.highQuality };
}

export interface RunResult { readonly final: Coverage; readonly msPerStep: number }

/** Trains `steps` steps, printing coverage every `every` steps (to stderr); the final coverage and time. */
export async function trainAndMeasure(t: Method, label: string, data: Dataset, modes: number, seed: number, steps: number, every: number): Promise<RunResult> {
  const t0 = performance.now();
  let final: Coverage = { modes: NaN, highQuality: NaN };
  for (let s = 1; s <= steps; s++) {
    await t.step();
    if (s % every === 0 || s === steps) {
      final = await coverage(t, data, seed);
      console.error(`  ${label} seed ${seed} step ${s}: ${final.modes}/${modes} modes, high quality ${(100 * final.highQuality).toFixed(1)} %`);
    }
  }
  const msPerStep = (performance.now() - t0) / steps;
  t.dispose();
  return { final, msPerStep };
}


/** A Markdown table row group: per seed, each method's modes and high-quality share, then the means. */
export function printTable(title: string, modes: number, methods: readonly string[], seeds: readonly number[], results: readonly (readonly RunResult[])[]): void {
  console.log(`\n${title}`);
  console.log(`| seed | ${methods.map((m) => `${m} modes | ${m} high quality`).join(" | ")} | ms/step (${methods.join(" / ")}) |`);
  console.log(`|---:|${methods.map(() => "---:|---:").join("|")}|---:|`);
  seeds.forEach((seed, i) => {
    const r = results[i];
    console.log(`| ${seed} | ${r.map((x) => `${x.final.modes}/${modes} | ${(100 * x.final.highQuality).toFixed(1)} %`).join(" | ")} | ${r.map((x) => x.msPerStep.toFixed(0)).join(" / ")} |`);
  });
  const mean = (f: (x: RunResult) => number, j: number) => results.reduce((s, r) => s + f(r[j]), 0) / results.length;
  const sd = (f: (x: RunResult) => number, j: number) => Math.sqrt(results.reduce((s, r) => s + (f(r[j]) - mean(f, j)) ** 2, 0) / Math.max(1, results.length - 1));
  console.log(`| mean ± sd | ${methods.map((_, j) => `${mean((x) => x.final.modes, j).toFixed(1)} ± ${sd((x) => x.final.modes, j).toFixed(1)}/${modes} | ${(100 * mean((x) => x.final.highQuality, j)).toFixed(1)} %`).join(" | ")} | |`);
}
