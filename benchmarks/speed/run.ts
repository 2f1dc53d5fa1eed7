// Speed of a full GAN training step on every Gantry CPU backend against PyTorch CPU, interleaved in one
// run, plus FID at d = 2048 against scipy; prints the tables and writes docs/performance.md.
// Run: npx tsx benchmarks/speed/run.ts [--rounds 5] [--steps 10] [--quick] [--no-fid]
import { existsSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { environment, uptime } from "./environment.ts";
import { fidRows, type FidRow } from "./fid.ts";
import { MODEL_IDS, WorkerProcess, type ModelId } from "./protocol.ts";
import { fidTable, performanceDoc, speedTable, type Column, type Samples } from "./report.ts";
import { roundOrder } from "./round-order.ts";

const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const numberArg = (name: string, fallback: number): number => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const rounds = numberArg("--rounds", quick ? 2 : 5);
const steps = numberArg("--steps", quick ? 3 : 10);
const withFid = !quick && !argv.includes("--no-fid");
const python = process.env.PYTHON ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");

/** A column: which worker answers it, and the thread count PyTorch is asked for. */
interface Plan extends Column { readonly worker: string; readonly threads?: number; readonly models: readonly ModelId[] }

const MLP_ONLY: readonly ModelId[] = ["mlp-ring", "unrolled5"]; // tfjs-backend-cpu: seconds per DCGAN step
const plans: readonly Plan[] = [
  { key: "native-1", label: "native 1 thr", torch: false, worker: "native-1", models: MODEL_IDS },
  { key: "native-2", label: "native 2 thr", torch: false, worker: "native-2", models: MODEL_IDS },
  { key: "wasm", label: "wasm", torch: false, worker: "wasm", models: MODEL_IDS },
  { key: "cpu", label: "cpu", torch: false, worker: "cpu", models: MLP_ONLY },
  { key: "torch-1", label: "PyTorch 1 thr", torch: true, worker: "torch", threads: 1, models: MODEL_IDS },
  { key: "torch-2", label: "PyTorch 2 thr", torch: true, worker: "torch", threads: 2, models: MODEL_IDS },
];

/**
 * One worker process per column and model (PyTorch: one per model, serving both thread counts), as a
 * training run has one model in its process. Sharing a process between models measured slower for the
 * later ones: the MLP step ≈ 5 % slower after a DCGAN had trained in the same Gantry worker.
 */
function workerKey(worker: string, model: ModelId): string {
  return `${worker}/${model}`;
}

function startWorkers(): Map<string, WorkerProcess> {
  const workerTs = fileURLToPath(new URL("./worker.ts", import.meta.url));
  const torchPy = fileURLToPath(new URL("./torch_worker.py", import.meta.url));
  const workers = new Map<string, WorkerProcess>();
  for (const p of plans) {
    for (const model of p.models) {
      const key = workerKey(p.worker, model);
      if (workers.has(key)) continue;
      workers.set(key, p.torch ? new WorkerProcess(key, python, [torchPy]) : new WorkerProcess(key, process.execPath, [...process.execArgv, workerTs, "--backend", p.worker]));
    }
  }
  return workers;
}

/** Says hello to every worker; drops (with a warning) the columns of those that do not answer. */
async function liveColumns(workers: Map<string, WorkerProcess>): Promise<{ live: Plan[]; torch: string }> {
  let torch = "n/a";
  const dead = new Set<string>();
  for (const [key, w] of workers) {
    const r = await w.request({ op: "hello" });
    const worker = key.split("/")[0];
    if (!r.ok) { console.warn(`skipping ${worker}: ${r.error}`); dead.add(worker); continue; }
    if (worker === "torch") torch = String(r.info?.torch);
  }
  return { live: plans.filter((p) => !dead.has(p.worker)), torch };
}

/**
 * A pause before each request. A worker that has just run two BLAS threads leaves them spinning for a
 * while (OpenBLAS busy-waits before it sleeps), on the sibling hyperthread of the next worker's core: the
 * first steps of a native-1 MLP request measured 10–16 ms right after PyTorch's 2-thread DCGAN request,
 * against 8.6–9.2 ms after a 500 ms pause (benchmarks/speed, 2026-11-29).
 */
const SETTLE_MS = 500;

async function measure(workers: Map<string, WorkerProcess>, live: readonly Plan[]): Promise<Samples> {
  const samples = Object.fromEntries(MODEL_IDS.map((m) => [m, {} as Record<string, number[]>])) as Record<ModelId, Record<string, number[]>>;
  // Model by model, all rounds of one before the next: each worker (one per column and model) is then
  // asked every few seconds. An idle worker gives memory back and faults it in again on its next steps:
  // after 30–80 s idle, a Gantry MLP worker took ≈ 170–240 minor page faults per step and ≈ 13 ms per
  // step, against ≈ 6.3 ms after 1 s; asked once per round of all models, workers idled ≈ 80 s.
  for (const model of MODEL_IDS) {
    for (let round = 1; round <= rounds; round++) {
      for (const p of roundOrder(live.filter((q) => q.models.includes(model)), round - 1)) {
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        const r = await workers.get(workerKey(p.worker, model))!.request({ op: "time", model, steps, ...(p.threads ? { threads: p.threads } : {}) });
        if (!r.ok) { console.warn(`${p.label} ${model}: ${r.error}`); continue; }
        (samples[model][p.key] ??= []).push(...(r.ms ?? []));
      }
      console.error(`round ${round}/${rounds}: ${model} done`);
    }
  }
  return samples;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const uptimeBefore = uptime();
  const env = environment();
  const workers = startWorkers();
  const { live, torch } = await liveColumns(workers);
  const samples = await measure(workers, live);
  for (const w of workers.values()) await w.quit();
  console.log(`ms per full training step, medians of ${rounds} rounds × ${steps} steps (PyTorch ${torch}):`);
  console.log(speedTable(samples, live));
  let fid: readonly FidRow[] | string = "not run (`--quick` or `--no-fid`).";
  if (withFid) {
    console.error("FID at d = 2048 (minutes)…");
    fid = fidRows(python);
    console.log(`\nFID at d = 2048:\n${fidTable(fid)}`);
  }
  const facts = {
    command: `npx tsx benchmarks/speed/run.ts ${argv.join(" ")}`.trim(), rounds, steps,
    minutes: (performance.now() - t0) / 60000, uptimeBefore, uptimeAfter: uptime(), torch, env,
    date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
  };
  writeFileSync(fileURLToPath(new URL("../../docs/performance.md", import.meta.url)), performanceDoc(facts, samples, live, fid));
  console.error(`wrote docs/performance.md (${facts.minutes.toFixed(1)} min)`);
}

await main();
