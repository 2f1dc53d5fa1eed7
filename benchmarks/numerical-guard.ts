// Cost of the numerical guard (packages/pipeline/src/numerical-guard.ts) on wasm: the stats check it runs
// after every step against the step itself, and the parameter check before every checkpoint against the
// checkpoint write (export + safetensors + fsync), for the ring GAN of examples/specs/ring-gan.yaml and
// the DCGAN-28 (width 64). Also four ways to check the tensors, to justify the one the guard uses.
// Run: npx tsx benchmarks/numerical-guard.ts [--steps 20] [--conv-steps 3] [--repeats 15]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { adam, disposeParams, tf, useBackend, type Method, type Params } from "@gantry/core";
import { wasm } from "../packages/backend-wasm/src/node.ts";
import { ArrayDataset, ring } from "../packages/data/src/index.ts";
import { nonSaturating } from "../packages/losses/src/index.ts";
import { alternating, dcganDiscriminator, dcganGenerator, mlp } from "../packages/models/src/index.ts";
import { writeCheckpoint } from "../packages/pipeline/src/checkpoint.ts";
import { nonFiniteParams, statsDivergence } from "../packages/pipeline/src/numerical-guard.ts";
import { medianStepMs } from "./median-step.ts";

const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const steps = arg("--steps", 20);
const convSteps = arg("--conv-steps", 3);
const repeats = arg("--repeats", 15);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function medianMs(fn: () => Promise<unknown> | unknown, n = repeats): Promise<number> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

/** Alternatives to the guard's check (a): the same question, asked differently. */
const variants: Record<string, (p: Params) => Promise<boolean>> = {
  "(a) isFinite → count per tensor, one read (used)": async (p) => (await nonFiniteParams(p)).length === 0,
  "(e) all(isFinite) per tensor, stacked, one read": async (p) => {
    const ok = tf.tidy(() => tf.stack(Object.values(p).filter((t) => t.dtype === "float32").map((t) => tf.all(tf.isFinite(t)))));
    const v = await ok.data();
    ok.dispose();
    return v.every((x) => x === 1);
  },
  "(b) concat all, one isFinite → all": async (p) => {
    const ok = tf.tidy(() => tf.all(tf.isFinite(tf.concat(Object.values(p).filter((t) => t.dtype === "float32").map((t) => tf.reshape(t, [-1]))))));
    const v = (await ok.data())[0];
    ok.dispose();
    return v === 1;
  },
  "(c) Σ(x·0) per tensor, addN, one read": async (p) => {
    const s = tf.tidy(() => tf.addN(Object.values(p).filter((t) => t.dtype === "float32").map((t) => tf.sum(tf.mul(t, 0)))));
    const v = (await s.data())[0];
    s.dispose();
    return v === 0;
  },
  "(d) download every tensor, scan in JS": async (p) => {
    for (const t of Object.values(p)) {
      const d = (await t.data()) as Float32Array;
      for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) return false;
    }
    return true;
  },
};

function ringGan(): Method {
  return alternating({
    data: ring({ modes: 8, radius: 2, std: 0.02 }), batchSize: 128, seed: 1, dSteps: 2, steps: 1000,
    generator: mlp({ input: 2, hidden: [128, 128], output: 2, activation: "tanh" }),
    discriminator: mlp({ input: 2, hidden: [64, 64], output: 1, activation: "leakyRelu" }),
    loss: nonSaturating(),
    gOptimizer: adam({ lr: 2e-3, betas: [0.5, 0.999] }), dOptimizer: adam({ lr: 2e-3, betas: [0.5, 0.999] }),
  });
}

function dcgan(): Method {
  const x = new Float32Array(640 * 28 * 28);
  let s = 1;
  for (let i = 0; i < x.length; i++) { s = (s * 16807) % 2147483647; x[i] = (s / 2147483647) * 2 - 1; }
  return alternating({
    data: new ArrayDataset({ name: "random-28", sampleShape: [28, 28, 1], x }, { batchSize: 64 }), seed: 1, steps: 1000,
    generator: dcganGenerator({ latent: 100, image: [28, 28, 1], width: 64 }),
    discriminator: dcganDiscriminator({ image: [28, 28, 1], width: 64, norm: "batch" }),
    loss: nonSaturating(),
    gOptimizer: adam({ lr: 2e-4, betas: [0.5, 0.999] }), dOptimizer: adam({ lr: 2e-4, betas: [0.5, 0.999] }),
  });
}

async function measure(name: string, method: Method, n: number): Promise<void> {
  const stepMs = await medianStepMs(method, n, 2);
  const stats = await method.step();
  const calls = 100_000;
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) statsDivergence(i, stats);
  const statsMs = (performance.now() - t0) / calls;

  const root = mkdtempSync(join(tmpdir(), "gantry-guard-bench-"));
  let step = 0;
  const checkpoint = (guarded: boolean) => async () => {
    const state = method.exportState();
    if (guarded && (await nonFiniteParams(state.tensors)).length) throw new Error("non-finite");
    await writeCheckpoint(root, state, { step: step++ % 3, specHash: "bench" });
    disposeParams(state.tensors);
  };
  // Interleaved, so disk caches and other jobs on the machine weigh on both alike.
  const plainMs: number[] = [];
  const guardedMs: number[] = [];
  await checkpoint(true)();
  for (let i = 0; i < repeats; i++) {
    for (const [guard, into] of [[false, plainMs], [true, guardedMs]] as const) {
      const t0 = performance.now();
      await checkpoint(guard)();
      into.push(performance.now() - t0);
    }
  }
  const plain = median(plainMs);
  const guarded = median(guardedMs);
  rmSync(root, { recursive: true, force: true });
  const exportCheck = await medianMs(async () => {
    const state = method.exportState();
    await nonFiniteParams(state.tensors);
    disposeParams(state.tensors);
  });

  const state = method.exportState();
  const floats = Object.values(state.tensors).filter((t) => t.dtype === "float32");
  const size = floats.reduce((a, t) => a + t.size, 0);
  console.log(`\n### ${name}: ${floats.length} float tensors, ${(size / 1e6).toFixed(2)} M values (params, optimizer state)\n`);
  console.log("| what | without guard ms | with guard ms | ratio |\n|---|---:|---:|---:|");
  console.log(`| one step + stats check (every step) | ${stepMs.toFixed(2)} | ${(stepMs + statsMs).toFixed(4)} | ${(1 + statsMs / stepMs).toFixed(6)}× (check ${(statsMs * 1e3).toFixed(3)} µs) |`);
  console.log(`| checkpoint + params check (every checkpoint) | ${plain.toFixed(1)} | ${guarded.toFixed(1)} | ${(guarded / plain).toFixed(2)}× |`);
  console.log(`| one step + export and params check (\`checkParams: step\`) | ${stepMs.toFixed(2)} | ${(stepMs + exportCheck).toFixed(2)} | ${((stepMs + exportCheck) / stepMs).toFixed(2)}× |`);
  console.log("\n| params check variant | ms | ÷ (a) |\n|---|---:|---:|");
  const a = await medianMs(() => variants["(a) isFinite → count per tensor, one read (used)"](state.tensors));
  for (const [label, check] of Object.entries(variants)) {
    if (!(await check(state.tensors))) throw new Error(`${label} calls finite params non-finite`);
    const ms = label.startsWith("(a)") ? a : await medianMs(() => check(state.tensors));
    console.log(`| ${label} | ${ms.toFixed(2)} | ${(ms / a).toFixed(2)}× |`);
  }
  disposeParams(state.tensors);
  method.dispose();
}

await useBackend(wasm, { log: () => {} });
console.log(`wasm, medians of ${steps} ring / ${convSteps} DCGAN steps and ${repeats} checks or checkpoints; ratios against the same work without the guard in this run`);
await measure("ring GAN (examples/specs/ring-gan.yaml)", ringGan(), steps);
await measure("DCGAN-28, width 64", dcgan(), convSteps);
