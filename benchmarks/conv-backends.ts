// Speed of one forward+backward pass of a DCGAN discriminator (28×28×1 → conv 64 4×4/2 → conv 128
// 4×4/2 → dense, batch 64) on wasm and cpu, with Gantry's convolution kernels and with TF.js's stock
// ones, plus the three conv kernels of the big layer alone. Run: npx tsx benchmarks/conv-backends.ts
// [--stock-cpu] (adds the stock cpu kernel and step: several minutes). Times are medians; ratios are against wasm+Gantry.
import { tf, useBackend, type Params } from "@gantry/core";
import { cpu } from "../packages/backend-cpu/src/index.ts";
import { stockKernel as stockCpuKernel } from "../packages/backend-cpu/src/replace-kernel.ts";
import { registerCpuKernels } from "../packages/backend-cpu/src/register-kernels.ts";
import { wasm } from "../packages/backend-wasm/src/node.ts";
import { stockKernel as stockWasmKernel } from "../packages/backend-wasm/src/replace-kernel.ts";
import { registerWasmKernels } from "../packages/backend-wasm/src/register-kernels.ts";

const BATCH = 64;
const withStockCpu = process.argv.includes("--stock-cpu");

interface Row { readonly setup: string; readonly what: string; readonly ms: number | string }

function initParams(): Params {
  return {
    c1: tf.randomNormal([4, 4, 1, 64], 0, 0.35, "float32", 1), b1: tf.zeros([64]),
    c2: tf.randomNormal([4, 4, 64, 128], 0, 0.044, "float32", 2), b2: tf.zeros([128]),
    d: tf.randomNormal([7 * 7 * 128, 1], 0, 0.0126, "float32", 3), bd: tf.zeros([1]),
  };
}

function loss(p: Params, x: tf.Tensor4D): tf.Scalar {
  const h1 = tf.leakyRelu(tf.add(tf.conv2d(x, p.c1 as tf.Tensor4D, 2, "same"), p.b1), 0.2) as tf.Tensor4D;
  const h2 = tf.leakyRelu(tf.add(tf.conv2d(h1, p.c2 as tf.Tensor4D, 2, "same"), p.b2), 0.2);
  const logits = tf.add(tf.matMul(tf.reshape(h2, [x.shape[0], 6272]), p.d as tf.Tensor2D), p.bd);
  return tf.mean(tf.softplus(tf.neg(logits)));
}

/** Median wall time (ms) of `reps` runs of fn after one warm-up run. */
function time(fn: () => void, reps: number): number {
  fn();
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b)[Math.floor(reps / 2)];
}

function trainingStep(params: Params, x: tf.Tensor4D): () => void {
  const names = Object.keys(params);
  return () => tf.tidy(() => {
    const gs = tf.grads((...ts: tf.Tensor[]) => loss(Object.fromEntries(names.map((n, i) => [n, ts[i]])), x))(names.map((n) => params[n]));
    for (const g of gs) g.dataSync();
  });
}

/** The conv2 layer's three kernels alone (the layer that dominates the step). */
function layerKernels(): Record<string, () => void> {
  const attrs = { strides: 2, pad: "same", dataFormat: "NHWC" } as const;
  const h1 = tf.randomNormal([BATCH, 14, 14, 64]), w = tf.randomNormal([4, 4, 64, 128]), dy = tf.randomNormal([BATCH, 7, 7, 128]);
  const run = (name: string, inputs: tf.NamedTensorMap, extra: object) => () => tf.tidy(() => {
    (tf.engine().runKernel(name, inputs, { ...attrs, ...extra } as unknown as tf.NamedAttrMap) as tf.Tensor).dataSync();
  });
  return {
    "conv2 Conv2D": run("Conv2D", { x: h1, filter: w }, { dilations: 1 }),
    "conv2 Conv2DBackpropInput": run("Conv2DBackpropInput", { dy, filter: w }, { inputShape: [BATCH, 14, 14, 64] }),
    "conv2 Conv2DBackpropFilter": run("Conv2DBackpropFilter", { x: h1, dy }, { filterShape: [4, 4, 64, 128] }),
  };
}

/** Wall time (ms) of a single run, for kernels too slow to repeat. */
function timeOnce(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Runs `measure` with TF.js's own kernel put back; `restore` re-registers Gantry's. */
function withStock(kernel: string, backend: string, stock: tf.KernelFunc | undefined, measure: () => number, restore: () => void): number | string {
  if (!stock) return "no kernel";
  tf.unregisterKernel(kernel, backend);
  tf.registerKernel({ kernelName: kernel, backendName: backend, kernelFunc: stock });
  try {
    return measure();
  } finally {
    restore();
  }
}

async function measure(rows: Row[]): Promise<void> {
  for (const [name, backend, reps] of [["wasm", wasm, 5], ["cpu", cpu, 3]] as const) {
    await useBackend(backend, { log: () => {} });
    const params = initParams();
    const x = tf.randomUniform([BATCH, 28, 28, 1], -1, 1, "float32", 4) as tf.Tensor4D;
    rows.push({ setup: `${name} + Gantry kernels`, what: "D forward+backward", ms: time(trainingStep(params, x), reps) });
    for (const [what, fn] of Object.entries(layerKernels())) rows.push({ setup: `${name} + Gantry kernels`, what, ms: time(fn, reps) });
    const kernels = layerKernels();
    if (name === "wasm") {
      rows.push({ setup: "wasm stock", what: "D forward+backward", ms: "fails: no Conv2DBackpropFilter" });
      const stock = stockWasmKernel("Conv2DBackpropInput", "wasm");
      rows.push({ setup: "wasm stock", what: "conv2 Conv2DBackpropInput", ms: withStock("Conv2DBackpropInput", "wasm", stock, () => time(kernels["conv2 Conv2DBackpropInput"], reps), registerWasmKernels) });
    } else {
      // One run each (no warm-up): the stock cpu kernel takes minutes.
      const stock = stockCpuKernel("Conv2DBackpropFilter", "cpu");
      const skipped = "skipped (pass --stock-cpu)";
      rows.push({ setup: "cpu stock", what: "conv2 Conv2DBackpropFilter", ms: withStockCpu ? withStock("Conv2DBackpropFilter", "cpu", stock, () => timeOnce(kernels["conv2 Conv2DBackpropFilter"]), registerCpuKernels) : skipped });
      rows.push({ setup: "cpu stock", what: "D forward+backward", ms: withStockCpu ? withStock("Conv2DBackpropFilter", "cpu", stock, () => timeOnce(trainingStep(params, x)), registerCpuKernels) : skipped });
    }
  }
}

function printTable(rows: readonly Row[]): void {
  const reference = rows.find((r) => r.setup === "wasm + Gantry kernels" && r.what === "D forward+backward")?.ms as number;
  const refByWhat = new Map(rows.filter((r) => r.setup === "wasm + Gantry kernels").map((r) => [r.what, r.ms as number]));
  console.log(`\nDCGAN discriminator, batch ${BATCH}; reference: wasm + Gantry kernels (same run, same machine)\n`);
  console.log("| what | setup | ms (median) | × reference |\n|---|---|---:|---:|");
  for (const what of [...new Set(rows.map((r) => r.what))]) {
    for (const r of rows.filter((row) => row.what === what)) {
      const ref = what === "D forward+backward" ? reference : refByWhat.get(what);
      const ratio = typeof r.ms === "number" && ref ? (r.ms / ref).toFixed(2) : "";
      console.log(`| ${r.what} | ${r.setup} | ${typeof r.ms === "number" ? r.ms.toFixed(1) : r.ms} | ${ratio} |`);
    }
  }
}

const rows: Row[] = [];
await measure(rows);
printTable(rows);
