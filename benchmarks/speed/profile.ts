// Where a training step's time goes, per TF.js kernel: `tf.profile` of a few single steps of one of the
// speed benchmark's models on one backend, after warm-up. Kernel times are wall times of each kernel
// call (synchronous on native, wasm and cpu); "outside kernels" is the step's wall time minus their sum
// (tape, optimizer bookkeeping, latent sampling in JS, allocation). Profiling adds its own overhead.
// Run: npx tsx benchmarks/speed/profile.ts [--backend native|wasm] [--model mlp-ring|dcgan|wgan-gp|unrolled5] [--steps 3] [--top 15]
import { parseArgs } from "node:util";
import { tf, useBackend } from "@gantry/core";
import { native } from "../../packages/backend-native/src/index.ts";
import { wasm } from "../../packages/backend-wasm/src/node.ts";
import { builders } from "./models.ts";
import type { ModelId } from "./protocol.ts";

const { values } = parseArgs({ options: {
  backend: { type: "string", default: "native" }, model: { type: "string", default: "mlp-ring" },
  steps: { type: "string", default: "3" }, top: { type: "string", default: "15" },
} });
const model = values.model as ModelId;
if (!builders[model]) throw new Error(`--model: one of ${Object.keys(builders).join(", ")}`);
await useBackend(values.backend === "wasm" ? wasm : native, { log: () => {} });
const trainer = builders[model]();
for (let i = 0; i < 3; i++) await trainer.step();

const perKernel = new Map<string, { ms: number; calls: number }>();
let wall = 0;
const steps = Number(values.steps);
for (let s = 0; s < steps; s++) {
  const t0 = performance.now();
  const info = await tf.profile(async () => { await trainer.step(); });
  wall += performance.now() - t0;
  for (const k of info.kernels) {
    const e = perKernel.get(k.name) ?? { ms: 0, calls: 0 };
    e.ms += Number(k.kernelTimeMs);
    e.calls++;
    perKernel.set(k.name, e);
  }
}
const rows = [...perKernel].sort((a, b) => b[1].ms - a[1].ms);
const inKernels = rows.reduce((s, [, e]) => s + e.ms, 0);
console.log(`${model} on ${values.backend}: ${(wall / steps).toFixed(1)} ms per profiled step, ${(inKernels / steps).toFixed(1)} in kernels, ${((wall - inKernels) / steps).toFixed(1)} outside\n`);
console.log("| kernel | ms per step | % of step | calls per step |\n|---|---:|---:|---:|");
for (const [name, e] of rows.slice(0, Number(values.top))) {
  console.log(`| ${name} | ${(e.ms / steps).toFixed(1)} | ${((100 * e.ms) / wall).toFixed(1)} | ${e.calls / steps} |`);
}
console.log(`| (outside kernels) | ${((wall - inKernels) / steps).toFixed(1)} | ${((100 * (wall - inKernels)) / wall).toFixed(1)} | |`);
trainer.dispose();
