// Soak: 50 000 steps of examples/specs/ring-gan.yaml (its data, networks, optimizers and sinks: checkpoints,
// samples, mode coverage) through the real pipeline in this process, sampling RSS and TF.js's live tensor
// count every 1 000 steps into a CSV. Flat columns mean nothing leaks; it measures memory, not speed.
// Run: nice -n 10 npm run soak [-- --steps 50000 --every 1000 --backend wasm]. Ctrl-C stops after the step.
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { catalog, defaultRegistry } from "@gantry/cli";
import { tf, type GantryEvent } from "@gantry/core";
import { createRunDirectory, executePipeline, parseSpecText, validateSpec } from "@gantry/pipeline";

const arg = (name: string, fallback: string): string => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const steps = Number(arg("--steps", "50000"));
const every = Number(arg("--every", "1000"));
const backend = arg("--backend", "");

const specFile = fileURLToPath(new URL("../examples/specs/ring-gan.yaml", import.meta.url));
const original = readFileSync(specFile, "utf8");
const text = original.replace(/params: \{ steps: \d+, dSteps/, `params: { steps: ${steps}, dSteps`);
if (text === original && !original.includes(`steps: ${steps}, dSteps`)) throw new Error(`${specFile}: no "params: { steps: N, dSteps" to set the length in`);
const parsed = parseSpecText(text, specFile);
const loaded = backend ? { ...parsed, spec: { ...parsed.spec, backend: backend.split(",") } } : parsed;
const registry = await defaultRegistry([], specFile);
const graph = validateSpec(loaded, registry, { catalog });

const root = mkdtempSync(join(tmpdir(), "gantry-soak-"));
const dir = createRunDirectory(root, loaded.spec.name, loaded.text);
const csv = join(root, "soak.csv");
writeFileSync(csv, "step,seconds,rss_mb,heap_used_mb,array_buffers_mb,num_tensors,tensor_mb\n");
console.log(`soak: ${steps} steps of ${specFile}, memory every ${every} steps${"gc" in globalThis ? " (after a full GC)" : ""} → ${csv}`);

interface Row { readonly step: number; readonly rss: number; readonly tensors: number }
const rows: Row[] = [];
const started = performance.now();
const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);

/** With --expose-gc (the npm script passes it), memory is read after a full collection: floors, not sawtooth. */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

function sample(step: number): void {
  collect();
  const m = process.memoryUsage();
  const t = tf.memory();
  rows.push({ step, rss: m.rss, tensors: t.numTensors });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  appendFileSync(csv, `${step},${seconds},${mb(m.rss)},${mb(m.heapUsed)},${mb(m.arrayBuffers)},${t.numTensors},${mb(t.numBytes)}\n`);
  console.log(`step ${String(step).padStart(6)}  ${seconds.padStart(6)} s  rss ${mb(m.rss)} MB  heap ${mb(m.heapUsed)} MB  tensors ${t.numTensors}`);
}

const onEvent = (e: GantryEvent): void => {
  if (e.type === "start" || (e.type === "step" && e.step % every === 0)) sample(e.step);
};
const controller = new AbortController();
process.on("SIGINT", () => controller.abort());
const result = await executePipeline({ dir, registry, loaded, graph, signal: controller.signal, onEvent, log: (m) => console.log(m) });

const [first, last] = [rows[0], rows.at(-1)!];
// The first 1 000 steps include warm-up (kernel caches, wasm heap growth): compare from the second sample on.
const settled = rows[Math.min(1, rows.length - 1)];
console.log([
  `${result.step} steps (${result.reason}) on ${result.backend} in ${(result.seconds / 60).toFixed(1)} min; run folder ${dir.path}`,
  `RSS: ${mb(first.rss)} MB at step ${first.step}, ${mb(settled.rss)} MB at step ${settled.step}, ${mb(last.rss)} MB at step ${last.step}`,
  `live tensors: ${first.tensors} at step ${first.step}, ${settled.tensors} at step ${settled.step}, ${last.tensors} at step ${last.step}`,
  `CSV: ${csv}`,
].join("\n"));
