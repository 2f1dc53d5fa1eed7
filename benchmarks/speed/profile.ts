// Where a training step's time goes, per TF.js kernel: every kernel of the backend wrapped with a timer
// (≈ 0.1 µs per call; tf.profile's bookkeeping more than doubled an MLP step), a few hundred steps of one
// of the speed benchmark's models after warm-up. Kernel times are wall times of each kernel call
// (synchronous on native, wasm and cpu); "outside kernels" is the step's wall time minus their sum
// (TF.js's dispatch and tape, optimizer bookkeeping, latent sampling in JS, allocation).
// Run: npx tsx benchmarks/speed/profile.ts [--backend native|wasm] [--model mlp-ring|dcgan|wgan-gp|unrolled5] [--steps 200] [--top 15]
import { parseArgs } from "node:util";
import { tf, useBackend } from "@gantry/core";
import { native } from "../../packages/backend-native/src/index.ts";
import { wasm } from "../../packages/backend-wasm/src/node.ts";
import { builders } from "./models.ts";
import type { ModelId } from "./protocol.ts";

const { values } = parseArgs({ options: {
  backend: { type: "string", default: "native" }, model: { type: "string", default: "mlp-ring" },
  steps: { type: "string", default: "200" }, top: { type: "string", default: "15" },
} });
const model = values.model as ModelId;
if (!builders[model]) throw new Error(`--model: one of ${Object.keys(builders).join(", ")}`);
const backendName = values.backend === "wasm" ? "wasm" : "native";
await useBackend(backendName === "wasm" ? wasm : native, { log: () => {} });

const perKernel = new Map<string, { ms: number; calls: number }>();
for (const k of tf.getKernelsForBackend(backendName)) {
  const run = k.kernelFunc;
  const e = { ms: 0, calls: 0 };
  perKernel.set(k.kernelName, e);
  tf.unregisterKernel(k.kernelName, backendName);
  tf.registerKernel({ ...k, kernelFunc: (args) => {
    const t0 = performance.now();
    try {
      return run(args);
    } finally {
      e.ms += performance.now() - t0;
      e.calls++;
    }
  } });
}

const trainer = builders[model]();
for (let i = 0; i < 10; i++) await trainer.step();
for (const e of perKernel.values()) { e.ms = 0; e.calls = 0; }
const steps = Number(values.steps);
const t0 = performance.now();
for (let s = 0; s < steps; s++) await trainer.step();
const wall = performance.now() - t0;
const rows = [...perKernel].filter(([, e]) => e.calls > 0).sort((a, b) => b[1].ms - a[1].ms);
const inKernels = rows.reduce((s, [, e]) => s + e.ms, 0);
const calls = rows.reduce((s, [, e]) => s + e.calls, 0);
console.log(`${model} on ${backendName}: ${(wall / steps).toFixed(2)} ms per step, ${(inKernels / steps).toFixed(2)} in ${calls / steps} kernel calls, ${((wall - inKernels) / steps).toFixed(2)} outside\n`);
console.log("| kernel | ms per step | % of step | calls per step | µs per call |\n|---|---:|---:|---:|---:|");
for (const [name, e] of rows.slice(0, Number(values.top))) {
  console.log(`| ${name} | ${(e.ms / steps).toFixed(3)} | ${((100 * e.ms) / wall).toFixed(1)} | ${e.calls / steps} | ${((1000 * e.ms) / e.calls).toFixed(1)} |`);
}
console.log(`| (outside kernels) | ${((wall - inKernels) / steps).toFixed(2)} | ${((100 * (wall - inKernels)) / wall).toFixed(1)} | | |`);
trainer.dispose();
