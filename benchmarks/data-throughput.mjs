// Streaming throughput of @gantry/data on the real Fashion-MNIST train split (batches of 64) and the
// peak resident memory of the process, per backend, each in its own child process so maxRSS is its own.
// Reference row: gathering and normalising the same batches in JS without making tensors.
// Run: `npm run build -w packages/core -w packages/backend-cpu -w packages/backend-wasm -w packages/data`
// then `node benchmarks/data-throughput.mjs` (plain .mjs on the built dist: Node 20 cannot run .ts).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const BATCHES = Number(process.env.BATCHES ?? 2000);
const mode = process.argv[2];

async function measure(which) {
  const { gatherSamples, indexCursor, resolveStreamOptions } = await import("@gantry/data");
  const { fashionMnist } = await import("@gantry/data/node");
  const { tf, useBackend } = await import("@gantry/core");
  if (which !== "reference") {
    const mod = which === "wasm" ? await import("@gantry/backend-wasm/node") : await import("@gantry/backend-cpu");
    await useBackend(mod[which], { log: () => {} });
  }
  const t0 = performance.now();
  const data = fashionMnist({ split: "train", batchSize: 64 });
  const loadMs = performance.now() - t0;
  // Best of 3 rounds after a warm-up round: the machine is shared, so the best round is the least disturbed.
  const step = makeStep(which, data, tf, gatherSamples, indexCursor, resolveStreamOptions);
  for (let i = 0; i < 200; i++) await step();
  let best = 0;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    for (let i = 0; i < BATCHES; i++) await step();
    best = Math.max(best, BATCHES / ((performance.now() - start) / 1000));
  }
  if (which !== "reference" && tf.memory().numTensors !== 0) throw new Error(`leaked ${tf.memory().numTensors} tensors`);
  return { which, batchesPerSecond: best, loadMs, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
}

/** One batch: JS gather only (reference), or a stream step that makes and disposes the batch tensors. */
function makeStep(which, data, tf, gatherSamples, indexCursor, resolveStreamOptions) {
  if (which === "reference") {
    const cursor = indexCursor(data.size, resolveStreamOptions({ seed: 1 }, 64, data.size));
    return async () => gatherSamples(data.source.x, 784, cursor.next());
  }
  const stream = data.stream({ seed: 1 });
  return async () => {
    const { value } = await stream.next();
    tf.dispose([value.x, value.y]);
  };
}

if (mode) {
  console.log(JSON.stringify(await measure(mode)));
} else {
  const self = fileURLToPath(import.meta.url);
  const rows = ["reference", "cpu", "wasm"].map((w) => JSON.parse(execFileSync(process.execPath, [self, w], { encoding: "utf8" }).trim().split("\n").pop()));
  const ref = rows[0].batchesPerSecond;
  console.log(`Fashion-MNIST train (60 000 × 28 × 28), batches of 64, best of 3 × ${BATCHES} batches, node ${process.version}`);
  console.log("| path | batches/s | ratio to reference | load (gunzip+decode) ms | peak RSS MiB |");
  console.log("|---|---:|---:|---:|---:|");
  for (const r of rows) {
    const name = r.which === "reference" ? "reference: JS gather only" : `stream() on ${r.which}`;
    console.log(`| ${name} | ${r.batchesPerSecond.toFixed(0)} | ${(r.batchesPerSecond / ref).toFixed(2)} | ${r.loadMs.toFixed(0)} | ${r.maxRssMiB.toFixed(0)} |`);
  }
}
