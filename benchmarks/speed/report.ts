// The results of benchmarks/speed as text: the ms/step table (medians over every round's samples, Gantry
// cells with their ratio to PyTorch's best thread count), the FID table, and docs/performance.md.
import type { Environment } from "./environment.ts";
import type { FidRow } from "./fid.ts";
import { MODEL_IDS, type ModelId } from "./protocol.ts";

export interface Column { readonly key: string; readonly label: string; readonly torch: boolean }
/** Samples (ms of single steps) per model and column; a missing column was not run for that model. */
export type Samples = Readonly<Record<ModelId, Readonly<Record<string, readonly number[]>>>>;

export const MODEL_LABELS: Readonly<Record<ModelId, string>> = {
  dcgan: "DCGAN-28 (width 64, latent 100, batch 64)",
  "mlp-ring": "MLP ring GAN (G 256-128-128-2, D 2-128-128-1, batch 512)",
  "wgan-gp": "WGAN-GP DCGAN-28 (λ = 10, 1 critic step, batch 64)",
  unrolled5: "Unrolled GAN K = 5, second order (Metz ring MLPs, batch 512)",
};

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

/** PyTorch's best (lowest) median over its thread counts, and which column that was. */
export function torchBest(samples: Samples[ModelId], columns: readonly Column[]): { ms: number; label: string } | undefined {
  const medians = columns.filter((c) => c.torch && samples[c.key]?.length).map((c) => ({ ms: median(samples[c.key]), label: c.label }));
  return medians.sort((a, b) => a.ms - b.ms)[0];
}

export function speedTable(samples: Samples, columns: readonly Column[]): string {
  const header = ["model", ...columns.map((c) => `${c.label} ms${c.torch ? "" : " (÷ torch best)"}`)];
  const lines = [`| ${header.join(" | ")} |`, `|---|${columns.map(() => "---:").join("|")}|`];
  for (const model of MODEL_IDS) {
    const best = torchBest(samples[model], columns);
    const cells = columns.map((c) => {
      const xs = samples[model][c.key];
      if (!xs?.length) return "–";
      const ms = median(xs);
      if (c.torch) return best && c.label === best.label ? `**${fmt(ms)}**` : fmt(ms);
      return best ? `${fmt(ms)} (${(ms / best.ms).toFixed(2)}×)` : fmt(ms);
    });
    lines.push(`| ${MODEL_LABELS[model]} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

export function fidTable(rows: readonly FidRow[]): string {
  const base = rows.find((r) => r.method.startsWith("scipy")) ?? rows[0];
  const lines = ["| method | seconds | × scipy sqrtm | FID | rel. diff vs scipy | peak RSS MB |", "|---|---:|---:|---:|---:|---:|"];
  for (const r of rows) {
    lines.push(`| ${r.method} | ${r.seconds.toFixed(2)} | ${(r.seconds / base.seconds).toFixed(1)} | ${r.fid.toFixed(4)} | ${(Math.abs(r.fid - base.fid) / base.fid).toExponential(1)} | ${r.peakRssMB.toFixed(0)} |`);
  }
  return lines.join("\n");
}

/** One sentence per model: the fastest Gantry backend and its ratio to PyTorch's best. */
export function readingLines(samples: Samples, columns: readonly Column[]): string[] {
  return MODEL_IDS.flatMap((model) => {
    const best = torchBest(samples[model], columns);
    const gantry = columns.filter((c) => !c.torch && samples[model][c.key]?.length)
      .map((c) => ({ label: c.label, ms: median(samples[model][c.key]) })).sort((a, b) => a.ms - b.ms);
    if (!best || !gantry.length) return [];
    const [fast, ...rest] = gantry;
    const others = rest.map((g) => `${g.label} ${(g.ms / best.ms).toFixed(2)}×`).join(", ");
    return [`- ${MODEL_LABELS[model]}: fastest Gantry backend ${fast.label}, ${fmt(fast.ms)} ms = ${(fast.ms / best.ms).toFixed(2)}× PyTorch's best (${best.label}, ${fmt(best.ms)} ms); ${others}.`];
  });
}

/** The 1-minute load averages in `uptime` lines ("load average: 1.30, 1.40, 2.03" → 1.30). */
export function oneMinuteLoad(uptime: string): number {
  const m = /load average:\s*([\d.]+)/.exec(uptime);
  return m ? Number(m[1]) : Number.NaN;
}

/** The 1-minute load up to which a run counts as alone on the machine: its own ≈ 1 plus a little. */
export const idleLoad = (nproc: number): number => 0.75 * nproc;

/** Whether other jobs shared the machine: a 1-minute load above idleLoad before or after the run. */
export function machineWasShared(facts: Pick<RunFacts, "uptimeBefore" | "uptimeAfter" | "env">): boolean {
  const loads = [facts.uptimeBefore, facts.uptimeAfter].map(oneMinuteLoad);
  return loads.some((l) => !(l <= idleLoad(facts.env.nproc)));
}

/** How often 2 threads beat 1, per library: on a shared 2-core machine they often do not. */
export function threadLine(samples: Samples, shared: boolean): string {
  const pairs = [["native-1", "native-2", "native"], ["torch-1", "torch-2", "PyTorch"]] as const;
  const parts = pairs.map(([one, two, name]) => {
    const both = MODEL_IDS.filter((m) => samples[m][one]?.length && samples[m][two]?.length);
    const wins = both.filter((m) => median(samples[m][two]) < median(samples[m][one])).length;
    return `${name} ${wins} of ${both.length}`;
  });
  const why = shared
    ? " With the other jobs' load on the same cores, a second thread mostly waits for a core (PyTorch's OpenMP threads spin while they wait, which is why its 2-thread column suffers most); compare thread counts only on an idle machine."
    : "";
  return `- Two threads were faster than one on: ${parts.join(", ")} models.${why}`;
}

/** FID's Gantry routes against scipy sqrtm, in one sentence. */
export function fidLine(rows: readonly FidRow[] | string): string {
  if (typeof rows === "string") return "- FID was not run.";
  const base = rows.find((r) => r.method.startsWith("scipy")) ?? rows[0];
  const gantry = rows.filter((r) => r.method.startsWith("gantry")).map((r) => `${r.method}: ${r.seconds.toFixed(1)} s (${(r.seconds / base.seconds).toFixed(1)}×)`);
  return `- FID at d = 2048 against scipy sqrtm's ${base.seconds.toFixed(1)} s: ${gantry.join("; ")}; all agree with scipy to the relative differences in the table.`;
}

export interface RunFacts {
  readonly command: string;
  readonly rounds: number;
  readonly steps: number;
  readonly minutes: number;
  readonly uptimeBefore: string;
  readonly uptimeAfter: string;
  readonly torch: string;
  readonly env: Environment;
  readonly date: string;
}

export function performanceDoc(facts: RunFacts, samples: Samples, columns: readonly Column[], fid: readonly FidRow[] | string): string {
  const e = facts.env;
  return `# Performance: Gantry's backends against PyTorch CPU

Generated by \`${facts.command}\` on ${facts.date} (${facts.minutes.toFixed(1)} min); rerun it to refresh this page.

## How to run
\`\`\`sh
npx tsx benchmarks/speed/run.ts                 # 5 rounds × 10 steps per model and backend, then FID at d = 2048
npx tsx benchmarks/speed/run.ts --quick         # 2 rounds × 3 steps, no FID (checks the harness)
npx tsx benchmarks/speed/run.ts --rounds 3 --steps 5 --no-fid
\`\`\`
PyTorch is Debian's python3-torch under \`/usr/bin/python3\` (\`PYTHON=…\` overrides). Every Gantry backend
runs each model in a long-lived worker process of its own (\`benchmarks/speed/worker.ts\`), as a training
run has one model in its process; PyTorch one per model (\`torch_worker.py\`, \`torch.set_num_threads\` per
request). Each worker builds its model once and warms it up for at least 3 steps and 2 s (PyTorch once
per thread count): a fresh process takes many page faults per step while its heaps grow (a Gantry MLP
worker ≈ 280 per step over its first ≈ 100 steps). Then, model by model, in each of ${facts.rounds} rounds the
coordinator asks each column's worker in turn — never two at once, in an order shuffled per round (a
fixed seed), each after a 0.5 s pause — for 0.5 s of untimed steps and then ${facts.steps} timed ones; a cell
is the median over all ${facts.rounds} × ${facts.steps} single-step samples. Interleaving spreads the machine's
background load over all columns alike. A worker that waited while the others ran resumes cold (after
30–80 s idle, ≈ 13 ms per MLP step instead of ≈ 6.3 ms, with ≈ 200 page faults per step), and a training
run does not wait: hence the models one after another, so that each worker is asked every few seconds,
and the untimed steps. The pause is there because a worker that has just run two BLAS threads leaves
them spinning for a while on the sibling hyperthread of the next worker's core: without it, the first
steps of a native MLP request right after PyTorch's 2-thread DCGAN request measured 10–16 ms instead of
8.6–9.2 ms.

A step is one full training step: one D (critic) update and one G update (Adam, the stats read back
once, \`.item()\` on the PyTorch side). Image models train on uniform random 28×28×1 images (Fashion-MNIST's
shape) on both sides, so no dataset is needed and no decoding is timed.

## Machine and load
- ${e.nproc} CPUs (\`nproc\`), ${e.cpu}
- load before: \`${facts.uptimeBefore}\`
- load after: \`${facts.uptimeAfter}\`
- Node ${e.node}, TF.js ${e.tfjs}, PyTorch ${facts.torch}
- OpenBLAS (native addon's \`blasConfig()\`): \`${e.blas}\`

${machineWasShared(facts)
    ? `The machine was shared with other jobs during the run (see the load averages): absolute times are
noisy, and thread counts above 1 compete with them for the ${e.nproc} cores.`
    : `Nothing else ran on the machine during the run (1-minute load at most ${idleLoad(e.nproc)} before and after, the
benchmark's own ≈ 1 included). PyTorch's
times depend on that far more than Gantry's: beside two other CPU-bound jobs, its DCGAN-28 step took
≈ 1.3 s and its MLP step ≈ 27 ms, against Gantry native's ≈ 0.2 s and ≈ 19 ms in the same run (2026-11-29).`}

## ms per full training step (median; Gantry cells ÷ PyTorch's best thread count, in bold)
${speedTable(samples, columns)}

\`cpu\` (tfjs-backend-cpu) runs only the MLP rows: it takes seconds per DCGAN step.

## FID at d = 2048 (Tr((Σ₁Σ₂)^½), same covariances on both sides; run once)
${typeof fid === "string" ? fid : fidTable(fid)}

## Reading
${readingLines(samples, columns).join("\n")}
${threadLine(samples, machineWasShared(facts))}
${fidLine(fid)}
- The convolutional rows are dominated by GEMM-shaped kernels, which native runs on the same OpenBLAS as
  PyTorch; the MLP rows are dominated by what is left once the GEMMs are fast (below).

What is not identical between the two sides:
- WGAN-GP times one critic step per generator step (the paper uses 5) so that its step compares with
  the others; its critic has no batch norm on both sides (\`norm: "none"\`).
- Unrolled K = 5: PyTorch's look-ahead is written by hand (\`benchmarks/speed/torch_models.py\`): 5
  differentiable Adam updates continuing D's moments and step count on the G step's real batch and
  fakes, as \`@gantry/unrolled-optimizer\` does (batches "same", second order, tanh D so Adam's √v̂ has
  a gradient). Gantry's G step with a look-ahead also runs D on the real batch (a generator loss may
  read real logits); the non-saturating loss does not, and PyTorch skips that small forward pass.
  PyTorch is Debian's 1.13, whose \`functional_call\` is \`torch.nn.utils.stateless\`'s (torch.func from 2.0).
- The MLP ring and DCGAN PyTorch steps are \`benchmarks/torch_train_step.py\`'s, imported unchanged.
- Initialisation and random streams differ (Gantry's seeded init vs nn.Module defaults); the work per
  step does not depend on them.

## Where the time goes once the GEMMs are fast (profiled 2026-11-29)
\`npx tsx benchmarks/speed/profile.ts --model <model> [--backend native|wasm]\` prints the per-kernel
table: every kernel of the backend wrapped with a timer (tf.profile, used for the first round below, more
than doubled an MLP step); \`node --cpu-prof\` gave the JavaScript side. Native, one OpenBLAS thread.

### First round
Measured on the same loaded 2-core machine. First profile (DCGAN ≈ 410 ms, MLP ≈ 21–33 ms per profiled
step) and what was done about each finding:
- **DCGAN-28, \`Mean\`'s and \`Sum\`'s gradients: ≈ 80 ms per step in JavaScript.** TF.js 4.22's stock
  gradients multiply dy by \`ones(x.shape)\`, a typed array filled in JavaScript and uploaded on every
  backward pass (batch norm takes means over N·H·W in every layer). Core now registers gradients that
  scale dy while small and multiply by backend-filled ones (\`Fill\`; not \`broadcastTo\`, whose wasm
  \`Tile\` took 288 ms per step). Same numbers, bit for bit.
- **\`Identity\`: ≈ 19 ms per step copying buffers.** TF.js clones every tensor a gradient saves; wasm's
  \`Identity\` copies the data. wasm and native now share it by reference (as cpu and wasm's own
  \`Reshape\` do).
- **Batch norm's reductions: \`Sum\` ≈ 38–48 ms over 45 calls, \`Mean\` ≈ 25 ms.** wasm transposes the
  reduced axes to the end first. Native sums one contiguous block of axes in place, in float64: 4 + 2.5 ms.
- **\`LeakyRelu\`: ≈ 23 ms over 6 calls.** Native now: a vectorised select (with \`-fno-trapping-math\`;
  as a branch, random signs cost ≈ 5 ns per element): 1.5 ms.
- After these, a DCGAN step profiled at ≈ 255–270 ms: the three convolution kernels ≈ 160 ms of it, then
  \`Multiply\` ≈ 18 ms over 118 calls and \`Add\` ≈ 11 ms (batch norm's broadcasts on wasm/XNNPACK), and
  ≈ 35 ms outside kernels.
- **MLP ring GAN, drawing the latent batches: ≈ 40 % of the step** (2 × 512 × 256 normals). tfjs-core's
  \`randomNormal\` calls a method per value. The stream itself cannot change without every seeded run
  changing (it is serial: alea's recurrence and the polar method's rejections), so \`Rng.normal\` now draws
  the same numbers, bit for bit, in one tight JavaScript loop (≈ 25 % faster), and the native backend in C
  (≈ 2.5× the JavaScript loop; fdlibm's \`log\`, which V8's \`Math.log\` ports, keeps it bit-exact).
- **MLP ring GAN, Adam: 13 kernel calls and 6 scalar uploads per parameter**, ≈ half of the step's ≈ 440
  calls. Native registers core's fused \`AdamUpdate\` kernel: one call per parameter, bit-identical
  (tested), used only while no gradient tape records (an Unrolled look-ahead differentiates through it).
- After these, an MLP step takes ≈ 14 ms unprofiled (≈ 21 before), of which ≈ 4 ms is the latent draw and
  the rest TF.js's per-op cost (dispatch, tape, allocation) around ≈ 200 kernel calls.
- **Unrolled K = 5, second order**: \`Tanh\` was 27 % of the step on wasm (emscripten's scalar libm); it
  runs on glibc's \`tanhf\` through the addon (162 → 86 ms per profiled step). 42 % of the step is outside
  any kernel: ≈ 3 500 kernel calls per step (1 054 \`Identity\` — now by reference — 476 \`Multiply\`,
  339 \`Add\`, 351 \`Reshape\`) each paying TF.js's dispatch, tape recording and allocation. The fused Adam
  kernel cannot serve the look-ahead (it has no gradient); differentiable fused updates are the next step.

### Second round: the MLP step (evening)
- **The latent draw, ≈ 2.1 ms per 512 × 256 batch in C, twice per step.** alea, seeded by seedrandom, is
  exact in doubles: it is a lag-3 multiply-with-carry generator on integers, whose recurrence is ≈ 4×
  shorter per step. Native now walks it that way, keeps the accepted pairs in a branch-free pass, and
  computes the polar method's log, square root and division in a second pass that gcc vectorises (a
  branch-free fdlibm \`log\`, built for AVX-512, AVX2 and the baseline). ≈ 0.45 ms per batch, the same
  numbers bit for bit (tested against \`tf.randomNormal\` and \`Math.log\` on every branch of the log).
  Splitting the second pass over two threads measured slower: waking a helper cost more than its half.
- **Bias rows and activations on wasm.** wasm's \`Add\` of a [512, 128] activation and a [128] bias took
  ≈ 32 µs, 3× its same-shape \`Add\`. Native \`Add\`, \`Sub\` and \`Multiply\` over row, column and scalar
  broadcasts, \`Relu\` and \`Step\` (ReLU's gradient mask): ≈ 7 µs for the bias add; the others gained
  little, since in a step they read activations that have left the cache.
- **After these (profile.ts, a quiet moment): ≈ 7.4 ms per MLP step.** The GEMMs are 3.4 ms of it (47 %,
  33 calls; the same OpenBLAS as PyTorch, within 5 % of it shape for shape), the latent draws 0.9 ms,
  Adam 0.3 ms, the element-wise kernels ≈ 0.8 ms, and 1.7 ms is outside any kernel: TF.js's dispatch,
  tape and allocation for ≈ 300 kernel calls per step (70 of them \`Identity\` clones of saved tensors,
  33 \`Reshape\`s around the GEMMs) and the step's diagnostics (D's outputs, gradient norms: ≈ 35
  calls PyTorch's step does not make).
- **What the machine does to the numbers.** The two vCPUs behave like one core's two hyperthreads
  (OpenBLAS on two threads: 1.3× on a 512 × 128 × 256 GEMM), and the machine's speed drifts: the same
  MLP step measured 7.2–9.3 ms in back-to-back runs of profile.ts. PyTorch's MLP step took 4.6–6 ms when
  its process had idled for 3 s before a request and ≈ 7 ms back to back. Page faults cost ≈ 18 µs per
  4 KiB page: a fresh 32 MiB array ≈ 140 ms to fill the first time.
- **Run to run, this evening, the same code for the MLP row: 1.69×, 1.19×, 1.46×, then 1.51× with the
  pause between requests**: Gantry's fastest column 10.4 / 9.0 / 9.2 / 9.3 ms against PyTorch
  6.1 / 7.6 / 6.3 / 6.1 ms. The DCGAN-28 rows stayed at 0.63–0.95× and WGAN-GP at 0.61–0.88×. In a
  process of its own Gantry's MLP step takes 7.4–8.4 ms (300 steps), and neither a DCGAN trained first in
  the same process, nor churning the wasm heap, nor 3 s idle pauses between batches of 10 steps changed
  that. Part of the gap in the benchmark was another worker's spinning BLAS threads (the pause in "How
  to run"); the rest is unexplained. PyTorch's step gains more from a quiet moment: 4.6–6 ms right after
  an idle pause, ≈ 7 ms back to back.
- **FID at d = 2048: ≈ 0.4 s of the 2.7 s was outside LAPACK**, most of it page faults on fresh d × d
  arrays. Σ₁^½Σ₂Σ₁^½ is now symmetrised in place, the native linear algebra's
  matrices live in addon memory on transparent huge pages, as numpy's do (numpy advises huge pages for
  its large arrays), and the finiteness checks are indexed loops: ≈ 2.4 s, the same values.

### Third round: fewer kernel calls, and a fairer harness (night)
- **A dense layer as one kernel.** Under a gradient tape a ReLU dense layer was 3 kernel calls plus 5
  \`Identity\` clones (TF.js clones every tensor a gradient saves). Core's \`fusedDense\` runs it as one
  \`GantryFusedDense\` kernel where the backend has one (native: \`cblas_sgemm\`, then the bias and ReLU in
  one pass over the output while it is in cache), with a gradient written in TF.js ops, so it
  differentiates to any order; 1 call plus 3 clones. ReLU's backward pass, dy · step(y), is one more such
  kernel (\`GantryReluBackprop\`) instead of \`Step\` and \`Multiply\`. On native the values and the first-
  and second-order gradients are the unfused ops' bit for bit. 299 → 233 kernel calls per MLP step
  (\`Identity\` 70 → 50). Measured alternating with and without each kernel in one process: ≈ 0.5 ms less
  per step for the fused layer (6.82 vs 7.29 ms), ≈ 0.15 ms for the ReLU gradient (6.81 vs 6.97).
- **\`Cast\` copied data that needed no conversion.** TF.js's gradients cast their saved operands to
  float32 whatever they are (\`Multiply\`'s: dy · cast(b)), and wasm's \`Cast\` copies even then: 26 copies,
  ≈ 1.6 ms of a DCGAN-28 step. wasm and native now share the data when the dtype does not change, as
  tfjs-backend-cpu does (≈ 0.04 ms).
- **The harness measured a transient.** A worker warmed each model up for 3 steps, but a fresh Gantry MLP
  worker took ≈ 280 minor page faults per step over its first ≈ 100 steps while its heaps grew (≈ 13 ms
  per step), then ≈ 5 (≈ 6.5 ms); PyTorch's worker also faulted ≈ 150–370 times per step at first. Both
  sides now warm up for at least 3 steps and 2 s. PyTorch's DCGAN-28 best went from ≈ 240 to ≈ 170 ms.
- **The "rotated" order was not one.** Rotating the column order keeps its cyclic order, so native-1
  followed PyTorch's 2-thread request in every round. The order is now shuffled per round (fixed seed).
- **One process per model, and one model at a time.** A Gantry MLP step measured ≈ 5 % slower in a
  worker that had trained a DCGAN-28 before (7.07 vs 6.72 ms, alternating two workers). Each column now
  runs each model in a process of its own, on both sides, as a training run does. Those workers must not
  idle long: after 30–80 s idle a Gantry MLP worker took ≈ 170–240 minor page faults per step and
  ≈ 13 ms per step for its next ≈ 20 steps, against ≈ 6.3 ms after 1 s idle (PyTorch's workers fault
  again too). Asked once per round of all four models, they idled ≈ 80 s (a run gave 14.7 ms); the
  harness now takes the models one after another, so each worker is asked every few seconds. Taken that
  way, native's MLP still measured ≈ 12 ms in two runs against ≈ 7 in a process of its own, and
  PyTorch's ≈ 8.6–9.0 against ≈ 6.4: every timed block now follows 0.5 s of untimed steps, on both sides.
- **Tried, no gain:** splitting the latent draw's first pass into chunks of recurrence, a vectorised
  acceptance test and a compaction (≈ 0.46 ms per draw either way: alea's carry chain is ≈ 2 cycles per
  value; the second pass, the polar method's log, division and square root in double, is ≈ 0.27 ms and
  compute-bound: 244 µs on AVX-512, 510–560 µs with AVX2). The step's diagnostics (D's outputs, gradient
  norms: ≈ 38 kernel calls) cost ≈ 0.2 ms (6.55 vs 6.31 ms stubbed out); they are what the trainer reports,
  so they stay.
`;
}
