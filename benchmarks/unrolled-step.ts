// Cost of Unrolled GANs: ms per `alternating` step (one D update, one G update) with the look-ahead at
// K = 0, 1, 5, 10 updates, second and first order, on wasm, against the plain step in the same run.
// Run: npx tsx benchmarks/unrolled-step.ts [--steps 20] [--warmup 3]
// Networks and optimizers are examples/specs/unrolled.yaml's (the ring GAN of Metz et al. 2017).
import { adam, useBackend, type Lookahead } from "@gantry/core";
import { wasm } from "../packages/backend-wasm/src/node.ts";
import { ring } from "../packages/data/src/index.ts";
import { nonSaturating } from "../packages/losses/src/index.ts";
import { alternating, mlp } from "../packages/models/src/index.ts";
import { unrolled, type UnrolledMode } from "../packages/unrolled-optimizer/src/index.ts";
import { medianStepMs } from "./median-step.ts";

const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const steps = arg("--steps", 20);
const warmup = arg("--warmup", 3);

function trainer(lookahead?: Lookahead) {
  return alternating({
    data: ring({ modes: 8, radius: 2, std: 0.02 }), batchSize: 512, seed: 0,
    generator: mlp({ input: 256, hidden: [128, 128], output: 2, activation: "tanh" }),
    discriminator: mlp({ input: 2, hidden: [128], output: 1, activation: "tanh" }),
    loss: nonSaturating(),
    gOptimizer: adam({ lr: 1e-3, betas: [0.5, 0.999] }),
    dOptimizer: adam({ lr: 1e-4, betas: [0.5, 0.999] }),
    ...(lookahead ? { lookahead } : {}),
  });
}

/** Median ms of single steps of a fresh trainer with this look-ahead (none: the plain step). */
async function stepMs(lookahead?: Lookahead): Promise<number> {
  const t = trainer(lookahead);
  const ms = await medianStepMs(t, steps, warmup);
  t.dispose();
  return ms;
}

await useBackend(wasm, { log: () => {} });
const plain = await stepMs();
console.log(`wasm, medians of ${steps} steps; ratios against the plain alternating step (${plain.toFixed(1)} ms) measured in this run`);
console.log("| K | second order ms/step | ÷ plain | first order ms/step | ÷ plain |\n|---:|---:|---:|---:|---:|");
for (const K of [0, 1, 5, 10]) {
  const cells: string[] = [];
  for (const mode of ["second-order", "first-order"] as const satisfies readonly UnrolledMode[]) {
    const ms = await stepMs(unrolled({ steps: K, mode }));
    cells.push(ms.toFixed(1), `${(ms / plain).toFixed(2)}×`);
  }
  console.log(`| ${K} | ${cells.join(" | ")} |`);
}
