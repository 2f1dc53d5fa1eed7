// Step time of a small MLP and a small conv discriminator (forward, gradients, SGD update) on webgpu
// vs wasm, each backend in its own child process; prints a table with webgpu/wasm ratios.
// Run: `npm run build -w packages/core -w packages/backend-wasm -w packages/backend-webgpu`, then
// `node benchmarks/webgpu-vs-wasm.mjs` (GANTRY_WEBGPU_ALLOW_SOFTWARE=1 to time SwiftShader anyway).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const STEPS = Number(process.env.STEPS ?? 10);
const mode = process.argv[2];

function mlpStep(tf) {
  const x = tf.randomNormal([128, 64], 0, 1, "float32", 1);
  let params = [[64, 256], [256], [256, 256], [256], [256, 1], [1]].map((s, i) => tf.randomNormal(s, 0, 0.05, "float32", 10 + i));
  const loss = (w1, b1, w2, b2, w3, b3) => {
    const h1 = tf.leakyRelu(tf.add(tf.matMul(x, w1), b1), 0.2);
    const h2 = tf.leakyRelu(tf.add(tf.matMul(h1, w2), b2), 0.2);
    return tf.mean(tf.softplus(tf.neg(tf.add(tf.matMul(h2, w3), b3))));
  };
  return { step: () => (params = sgd(tf, loss, params)), sync: () => params[0].data() };
}

function convStep(tf) {
  const x = tf.randomNormal([16, 16, 16, 3], 0, 1, "float32", 1);
  let params = [[4, 4, 3, 32], [4, 4, 32, 64], [4 * 4 * 64, 1]].map((s, i) => tf.randomNormal(s, 0, 0.05, "float32", 10 + i));
  const loss = (k1, k2, w) => {
    const h1 = tf.leakyRelu(tf.conv2d(x, k1, 2, "same"), 0.2);
    const h2 = tf.leakyRelu(tf.conv2d(h1, k2, 2, "same"), 0.2);
    return tf.mean(tf.softplus(tf.neg(tf.matMul(tf.reshape(h2, [16, -1]), w))));
  };
  return { step: () => (params = sgd(tf, loss, params)), sync: () => params[0].data() };
}

function sgd(tf, loss, params) {
  const next = tf.tidy(() => tf.grads(loss)(params).map((g, i) => tf.sub(params[i], tf.mul(g, 0.01))));
  tf.dispose(params);
  return next;
}

async function measure(backend) {
  const { tf, useBackend } = await import("@gantry/core");
  let adapter = backend;
  if (backend === "wasm") await useBackend((await import("@gantry/backend-wasm/node")).wasm, { log: () => {} });
  else await useBackend((await import("@gantry/backend-webgpu/node")).webgpu({ log: (m) => (adapter = m.replace("gantry: webgpu adapter ", "")) }), { log: () => {} });
  const out = { adapter };
  for (const [name, make] of [["mlp", mlpStep], ["conv", convStep]]) {
    const { step, sync } = make(tf);
    for (let i = 0; i < 3; i++) step(); // warm-up: shader compilation, XNNPACK packing
    await sync();
    const start = performance.now();
    for (let i = 0; i < STEPS; i++) step();
    await sync(); // webgpu queues work; reading the result waits for it
    out[name] = (performance.now() - start) / STEPS;
  }
  if (backend === "webgpu") (await import("@gantry/backend-webgpu/node")).releaseWebgpu();
  return out;
}

function child(backend) {
  try {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), backend], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return JSON.parse(out.trim().split("\n").at(-1));
  } catch (e) {
    return { error: String(e.stderr ?? e.message).split("\n").find((l) => l.includes("Error")) ?? "failed" };
  }
}

if (mode) {
  console.log(JSON.stringify(await measure(mode)));
} else {
  const wasm = child("wasm");
  const gpu = child("webgpu");
  console.log(`webgpu vs wasm, ${STEPS} steps each after 3 warm-up steps (ms per step)`);
  if (gpu.error) console.log(`webgpu unavailable: ${gpu.error}`);
  else console.log(`webgpu adapter: ${gpu.adapter}`);
  if (/software|swiftshader/i.test(gpu.adapter ?? "")) console.log("NOTE: a software adapter (SwiftShader) runs WGSL on the CPU: these webgpu times say nothing about GPU speed.");
  console.log("| step                        | wasm ms | webgpu ms | webgpu/wasm |");
  console.log("|-----------------------------|---------|-----------|-------------|");
  for (const [key, label] of [["mlp", "MLP 64-256-256-1, batch 128"], ["conv", "conv D 16x16x3, batch 16"]]) {
    const w = wasm[key], g = gpu[key];
    const ratio = w && g ? (g / w).toFixed(2) : "n/a";
    console.log(`| ${label.padEnd(27)} | ${w ? w.toFixed(1).padStart(7) : "    n/a"} | ${g ? g.toFixed(1).padStart(9) : "      n/a"} | ${ratio.padStart(11)} |`);
  }
}
