// Streams the 10 000 Fashion-MNIST test images through the domain-classifier in batches and folds the
// 128-d features into float64 running statistics (what metric/fid does for its reference set); prints
// wall time, images/s and peak RSS. Run: npx tsx benchmarks/domain-classifier-stream.ts [cpu|wasm]
import { tf, useBackend } from "@gantry/core";
import { cpu } from "../packages/backend-cpu/src/index.ts";
import { wasm } from "../packages/backend-wasm/src/node.ts";
import { RunningMoments, featureMatrix } from "../packages/metrics/src/index.ts";
import { domainClassifier } from "../packages/models/src/node.ts";
import { imageTensor, readIdx } from "../packages/models/src/domain-classifier/fashion-mnist.test-support.ts";

const backend = process.argv[2] === "cpu" ? cpu : wasm;
await useBackend(backend, { log: () => {} });
const BATCH = 500;
const t0 = performance.now();
const pixels = readIdx("t10k-images-idx3-ubyte.gz").data;
const net = domainClassifier();
const moments = new RunningMoments(net.featureDim);
const t1 = performance.now();
for (let i = 0; i < 10_000; i += BATCH) {
  const f = tf.tidy(() => net.features(imageTensor(pixels, i, i + BATCH)));
  moments.update(featureMatrix((await f.data()) as Float32Array, BATCH, net.featureDim));
  f.dispose();
}
const stats = moments.statistics();
const t2 = performance.now();
net.dispose();
console.log(`| backend | read+load s | stream 10 000 images s | images/s | peak RSS MB | live tensors after |`);
console.log(`|---|---|---|---|---|---|`);
console.log(`| ${tf.getBackend()} | ${((t1 - t0) / 1000).toFixed(2)} | ${((t2 - t1) / 1000).toFixed(2)} | ${(10_000 / ((t2 - t1) / 1000)).toFixed(0)} | ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} | ${tf.memory().numTensors} |`);
console.log(`n = ${stats.n}, trace Σ = ${Array.from({ length: stats.dim }, (_, i) => stats.cov[i * stats.dim + i]).reduce((a, b) => a + b, 0).toFixed(3)}`);
