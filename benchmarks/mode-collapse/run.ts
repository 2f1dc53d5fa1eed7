// The mode-collapse benchmark (docs/benchmarks.md): every method of specs/ × the 8-Gaussian ring and the
// 25-Gaussian grid × seeds, trained through the real CLI one process at a time (or handed to @gantry/sweeps'
// workers with --queue), then the VEEGAN/PacGAN table (table.ts), 2 500 samples per run as NPY and one
// scatter PNG per method × dataset. It resumes: a recorded run is skipped, an interrupted one continues
// with `gantry resume`. It does not tune anything: the specs are the protocol.
//
//   nice -n 10 npm run bench:mode-collapse -- [--methods vanilla,madgan] [--data ring,grid] [--seeds 1,2,3,4,5]
//       [--steps 10000] [--out benchmarks/mode-collapse/results] [--queue redis://127.0.0.1:6379] [--smoke] [--report]
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { parseDocument, stringify } from "yaml";
import { gridCentres, ringCentres } from "../../packages/data/src/index.ts";
import { readNpy } from "../../packages/data/src/node.ts";
import { modeCoverage } from "../../packages/metrics/src/index.ts";
import { readJsonl, scatterPng } from "../../packages/pipeline/src/index.ts";
import { runsCsv, summarize, summaryCsv, summaryMarkdown, type RunRecord } from "./table.ts";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const bin = join(root, "packages/cli/dist/bin.js");

/** specs/<name>.yaml, in table order. */
const METHODS = ["vanilla", "minimax", "wgan", "wgan-gp", "unrolled-second", "unrolled-first", "madgan", "adagan", "instance-noise", "roth"] as const;

interface DatasetSetup {
  /** Replaces the specs' data node (they are written for the ring). */
  readonly node: { readonly use: string; readonly params: Readonly<Record<string, number>> };
  readonly centres: readonly (readonly number[])[];
  readonly std: number;
  /** Half-width of the scatter plots, the same for every method so they compare at a glance. */
  readonly extent: number;
}

const DATASETS: Record<string, DatasetSetup> = {
  ring: { node: { use: "dataset/ring", params: { modes: 8, radius: 2, std: 0.02, size: 50000, batchSize: 128 } }, centres: ringCentres(8, 2), std: 0.02, extent: 3 },
  grid: { node: { use: "dataset/grid", params: { side: 5, spacing: 2, std: 0.05, size: 50000, batchSize: 128 } }, centres: gridCentres(5, 2), std: 0.05, extent: 5.5 },
};

const SAMPLES = 2500;

interface Options {
  readonly methods: readonly string[];
  readonly data: readonly string[];
  readonly seeds: readonly number[];
  readonly steps: number;
  readonly out: string;
  readonly queue?: string;
  /** Write the tables from the runs recorded so far; train nothing (safe beside a running grid). */
  readonly report: boolean;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      methods: { type: "string", default: METHODS.join(",") },
      data: { type: "string" },
      seeds: { type: "string" },
      steps: { type: "string" },
      out: { type: "string" },
      queue: { type: "string" },
      smoke: { type: "boolean", default: false },
      report: { type: "boolean", default: false },
    },
  });
  // --smoke: every method, 1 seed, 50 steps, the ring only, in its own folder — a check that the whole
  // pipeline works, not a measurement.
  const smoke = values.smoke;
  const o: Options = {
    methods: values.methods.split(","),
    data: (values.data ?? (smoke ? "ring" : "ring,grid")).split(","),
    seeds: (values.seeds ?? (smoke ? "1" : "1,2,3,4,5")).split(",").map(Number),
    steps: Number(values.steps ?? (smoke ? 50 : 10000)),
    out: resolve(values.out ?? join(here, "results", smoke ? "smoke" : "")),
    queue: values.queue,
    report: values.report,
  };
  check(o);
  return o;
}

function check(o: Options): void {
  const bad = (what: string, hint: string): never => {
    console.error(`mode-collapse: ${what}; ${hint}`);
    process.exit(2);
  };
  for (const m of o.methods) if (!(METHODS as readonly string[]).includes(m)) bad(`--methods: no spec "${m}"`, `use some of ${METHODS.join(", ")}`);
  for (const d of o.data) if (!DATASETS[d]) bad(`--data: unknown "${d}"`, "use ring, grid or both");
  if (o.seeds.some((s) => !Number.isSafeInteger(s))) bad("--seeds must be integers", "e.g. --seeds 1,2,3");
  // AdaGAN splits the budget into 5 rounds and gives its classifier half a round (steps / 10).
  if (!Number.isSafeInteger(o.steps) || o.steps < 10 || o.steps % 10 !== 0) bad(`--steps ${o.steps}`, "give a multiple of 10 (AdaGAN: 5 rounds, classifier steps / 10)");
  if (!existsSync(bin)) bad(`${relative(root, bin)} is missing`, "build the CLI first: npm run build");
}

/** The `--steps` budget as spec overrides: G steps for every method, AdaGAN's split over its rounds. */
function budget(method: string, steps: number): Record<string, number> {
  if (method === "adagan") return { "nodes.train.params.stepsPerRound": steps / 5, "nodes.train.params.classifierSteps": steps / 10 };
  return { "nodes.train.params.steps": steps };
}

/** The spec as it runs: specs/<method>.yaml with the data node and budget set (comments kept). */
function materialize(o: Options, method: string, data: string): string {
  const doc = parseDocument(readFileSync(join(here, "specs", `${method}.yaml`), "utf8"));
  doc.setIn(["name"], `mc-${method}-${data}`);
  doc.setIn(["nodes", "data"], doc.createNode(DATASETS[data].node, { flow: true }));
  for (const [path, value] of Object.entries(budget(method, o.steps))) doc.setIn(path.split("."), value);
  const file = join(o.out, "specs", `${o.steps}-steps`, `${method}.${data}.yaml`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, doc.toString({ lineWidth: 0 }));
  return file;
}

/** runs/<steps>-steps/<data>/<method>/seed-<seed>/: the run's folder tree, samples and record. */
const runKey = (o: Options, method: string, data: string, seed: number): string => join(o.out, "runs", `${o.steps}-steps`, data, method, `seed-${seed}`);

interface Child { readonly code: number; readonly seconds: number }

let stopping = false;
let firstSigint = 0;
process.on("SIGINT", () => {
  // The child got the same Ctrl-C: it finishes its step and checkpoints; we record the attempt and stop.
  // npm and tsx forward the terminal's SIGINT to us as well, so one Ctrl-C can arrive twice within
  // milliseconds: only a second one a second later means "quit now".
  if (stopping && performance.now() - firstSigint > 1000) process.exit(130);
  if (stopping) return;
  firstSigint = performance.now();
  stopping = true;
  console.error("\nmode-collapse: stopping after this run's checkpoint (Ctrl-C again to quit now); run again to resume");
});

/** `gantry <args>`, its output appended to `log` (or shown, without one); exit code and seconds. */
function gantry(args: readonly string[], log?: string): Promise<Child> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: log ? ["ignore", "pipe", "pipe"] : "inherit" });
  if (log) {
    mkdirSync(dirname(log), { recursive: true });
    const write = (b: Buffer): void => writeFileSync(log, b, { flag: "a" });
    child.stdout?.on("data", write);
    child.stderr?.on("data", write);
  }
  return new Promise((done, fail) => {
    child.on("error", fail);
    child.on("close", (code, signal) => done({ code: code ?? (signal ? 128 : 1), seconds: (performance.now() - t0) / 1000 }));
  });
}

/** The newest run folder under `<key>/train/<name>/`, if any. */
function latestRunDir(key: string): string | undefined {
  const train = join(key, "train");
  if (!existsSync(train)) return undefined;
  const dirs = readdirSync(train).flatMap((name) => readdirSync(join(train, name)).map((ts) => join(train, name, ts))).sort();
  return dirs.at(-1);
}

const endReason = (runDir: string): string | undefined =>
  readJsonl<{ type: string; reason?: string }>(join(runDir, "events.jsonl")).filter((e) => e.type === "end").at(-1)?.reason;

const hasCheckpoint = (runDir: string): boolean =>
  existsSync(join(runDir, "checkpoints")) && readdirSync(join(runDir, "checkpoints")).some((d) => d.startsWith("step-"));

interface Attempt { readonly command: string; readonly code: number; readonly seconds: number }

function recordAttempt(key: string, a: Attempt): void {
  writeFileSync(join(key, "attempts.jsonl"), `${JSON.stringify({ time: new Date().toISOString(), ...a })}\n`, { flag: "a" });
}

interface RunEvent { readonly type: string; readonly time: string; readonly backend?: string }

/**
 * What the run's own events.jsonl says about how it ran: the backend(s) its attempts started on, and its
 * training seconds — each attempt from its `start` event to its last event, summed — so an attempt that
 * was killed (no exit for attempts.jsonl to record) still counts up to its last step or checkpoint.
 */
function howItRan(runDir: string): { backend: string; wallSeconds: number } {
  const events = readJsonl<RunEvent>(join(runDir, "events.jsonl"));
  const backends = new Set<string>();
  let seconds = 0;
  let start: number | undefined;
  let last = 0;
  for (const e of events) {
    const t = Date.parse(e.time);
    if (e.type === "start") {
      if (start !== undefined) seconds += last - start;
      start = t;
      if (e.backend) backends.add(e.backend);
    }
    last = t;
  }
  if (start !== undefined) seconds += last - start;
  return { backend: [...backends].join("+"), wallSeconds: seconds / 1000 };
}

/** Trains one run to its end, resuming a checkpointed one; the run folder, or undefined if it failed. */
async function train(key: string, spec: string, seed: number): Promise<string | undefined> {
  mkdirSync(key, { recursive: true });
  let runDir = latestRunDir(key);
  if (runDir && endReason(runDir) === "completed") return runDir;
  if (runDir && !hasCheckpoint(runDir)) rmSync(runDir, { recursive: true }); // nothing to resume from
  const resume = runDir !== undefined && existsSync(runDir);
  const args = resume ? ["resume", runDir!] : ["run", spec, "--seed", String(seed), "--runs-dir", join(key, "train")];
  const r = await gantry(args, join(key, "gantry.log"));
  recordAttempt(key, { command: args[0], code: r.code, seconds: r.seconds });
  runDir = latestRunDir(key);
  return r.code === 0 && runDir ? runDir : undefined;
}

interface Coverage { readonly modes: number; readonly totalModes: number; readonly highQuality: number }

/** The spec's final `coverage` node (metric/mode-coverage on 2 500 samples). */
function finalCoverage(runDir: string): Coverage {
  const line = readJsonl<{ node: string; values: Record<string, number>; details: { totalModes: number } }>(join(runDir, "metrics.jsonl"))
    .filter((l) => l.node === "coverage").at(-1);
  if (!line) throw new Error(`${runDir}: no coverage in metrics.jsonl; the spec must end with a metric/mode-coverage node "coverage"`);
  return { modes: line.values.modes, totalModes: line.details.totalModes, highQuality: line.values.highQuality };
}

/**
 * samples.npy (2 500 samples from the final checkpoint, `gantry sample`), scatter.png of them over the
 * mode centres, and samples-coverage.json: the same score computed from the NPY alone, so the table can
 * be checked from the exported file (it differs from the spec's node only by the draw of z).
 */
async function exportSamples(key: string, runDir: string, data: string, seed: number): Promise<void> {
  const npy = join(key, "samples.npy");
  const r = await gantry(["sample", runDir, "--n", String(SAMPLES), "--out", npy, "--seed", String(seed)], join(key, "gantry.log"));
  if (r.code !== 0) throw new Error(`gantry sample ${runDir} failed (exit ${r.code}); see ${join(key, "gantry.log")}`);
  const samples = readNpy(npy).data as Float32Array;
  const set = DATASETS[data];
  writeFileSync(join(key, "scatter.png"), scatterPng(samples, undefined, { centres: set.centres, extent: set.extent }));
  const c = modeCoverage({ rows: SAMPLES, dim: 2, data: samples }, { centres: set.centres, std: set.std });
  writeFileSync(join(key, "samples-coverage.json"), `${JSON.stringify({ modes: c.modesCaptured, highQuality: c.highQuality, radius: c.radius })}\n`);
}

interface Recorded { readonly record?: RunRecord; readonly diverged?: boolean }

const recordFile = (key: string): string => join(key, "record.json");

/** One run of the grid, locally: skipped when recorded, else trained or resumed, exported and recorded. */
async function runOne(o: Options, method: string, data: string, seed: number, spec: string): Promise<Recorded> {
  const key = runKey(o, method, data, seed);
  const recorded = readRecord(key);
  if (recorded) return recorded;
  const runDir = await train(key, spec, seed);
  if (!runDir) {
    const last = latestRunDir(key);
    // A diverged run (the numerical guard stopped it) is a result, and deterministic: record it.
    if (last && endReason(last) === "diverged") return save(key, { diverged: true });
    return {};
  }
  await exportSamples(key, runDir, data, seed);
  const c = finalCoverage(runDir);
  return save(key, { record: { method, data, seed, steps: o.steps, ...c, ...howItRan(runDir) } });
}

/** The run's record.json, if it has one (completed by `upgraded` when written by an older runner). */
function readRecord(key: string): Recorded | undefined {
  return existsSync(recordFile(key)) ? upgraded(key, JSON.parse(readFileSync(recordFile(key), "utf8")) as Recorded) : undefined;
}

/** A record written before records named their backend (and timed attempts by process exit): completed from its run's events. */
function upgraded(key: string, r: Recorded): Recorded {
  const runDir = latestRunDir(key);
  if (!r.record || r.record.backend || !runDir) return r;
  return save(key, { record: { ...r.record, ...howItRan(runDir) } });
}

function save(key: string, r: Recorded): Recorded {
  writeFileSync(recordFile(key), `${JSON.stringify(r, null, 2)}\n`);
  return r;
}

interface Outcome { readonly method: string; readonly data: string; readonly seed: number; readonly result: Recorded }

/** --report: the recorded runs of the grid, in grid order; the rest listed as not finished. */
function recorded(o: Options): Outcome[] {
  return o.data.flatMap((data) => o.seeds.flatMap((seed) => o.methods.map((method) => {
    const key = runKey(o, method, data, seed);
    const result = readRecord(key) ?? {};
    return { method, data, seed, result };
  })));
}

async function runLocally(o: Options): Promise<Outcome[]> {
  const out: Outcome[] = [];
  // Seed by seed, every method within a seed: a grid stopped part-way leaves whole seeds to compare.
  for (const data of o.data) {
    const specs = new Map(o.methods.map((m) => [m, materialize(o, m, data)]));
    for (const seed of o.seeds) {
      for (const method of o.methods) {
        if (stopping) return out;
        const result = await runOne(o, method, data, seed, specs.get(method)!);
        out.push({ method, data, seed, result });
        console.log(describe(method, data, seed, result));
      }
    }
  }
  return out;
}

function describe(method: string, data: string, seed: number, r: Recorded): string {
  const what = r.record
    ? `${r.record.modes}/${r.record.totalModes} modes, ${(100 * r.record.highQuality).toFixed(1)} % high quality, ${r.record.wallSeconds.toFixed(1)} s`
    : r.diverged ? "diverged (numerical guard)" : "not finished (interrupted or failed: see its gantry.log); run again to resume";
  return `${data} ${method} seed ${seed}: ${what}`;
}

/** The grid as one @gantry/sweeps sweep file: one base per method × dataset (specs as materialized). */
function writeSweepFile(o: Options): { file: string; name: string } {
  const name = `mode-collapse-${o.steps}-steps`;
  const base: Record<string, string> = {};
  for (const data of o.data) for (const method of o.methods) base[`${method}.${data}`] = relative(o.out, materialize(o, method, data));
  const file = join(o.out, `${name}.sweep.yaml`);
  const header = "# Written by benchmarks/mode-collapse/run.ts --queue: the benchmark grid as a gantry sweep.\n";
  writeFileSync(file, header + stringify({ name, base, seeds: o.seeds }, { flowCollectionPadding: false }));
  return { file, name };
}

/** --queue: `gantry sweep` trains the grid on whatever `gantry worker`s take it; then each run is exported here. */
async function runOnQueue(o: Options, queue: string): Promise<Outcome[]> {
  const { file, name } = writeSweepFile(o);
  const runsDir = join(o.out, "sweep-runs");
  console.log(`mode-collapse: enqueueing ${file}; start workers with: node ${relative(process.cwd(), bin)} worker --queue ${queue} --runs-dir ${runsDir}`);
  const r = await gantry(["sweep", file, "--queue", queue, "--runs-dir", runsDir]);
  if (r.code !== 0) console.error(`mode-collapse: gantry sweep exited ${r.code}; tabulating the runs that finished`);
  const store = join(runsDir, name);
  const out: Outcome[] = [];
  for (const id of existsSync(store) ? readdirSync(store).sort() : []) {
    const outcome = await collectSweepRun(o, join(store, id));
    if (outcome) out.push(outcome);
  }
  return out;
}

interface SweepResult { readonly label: string; readonly seed: number }

async function collectSweepRun(o: Options, runDir: string): Promise<Outcome | undefined> {
  const file = join(runDir, "result.json");
  if (!existsSync(file)) return undefined;
  const res = JSON.parse(readFileSync(file, "utf8")) as SweepResult;
  const [method, data] = res.label.replace(/^base=/, "").split(".");
  const key = runKey(o, method, data, res.seed);
  const recorded = readRecord(key);
  if (recorded) return { method, data, seed: res.seed, result: recorded };
  mkdirSync(key, { recursive: true });
  await exportSamples(key, runDir, data, res.seed);
  const record: RunRecord = { method, data, seed: res.seed, steps: o.steps, ...finalCoverage(runDir), ...howItRan(runDir) };
  return { method, data, seed: res.seed, result: save(key, { record }) };
}

/** results.csv, runs.csv, results.md and plots/<method>-<data>.png (the lowest seed's samples). */
function writeTables(o: Options, outcomes: readonly Outcome[]): void {
  const records = outcomes.flatMap((x) => (x.result.record ? [x.result.record] : []));
  const summaries = summarize(records);
  writeFileSync(join(o.out, "results.csv"), summaryCsv(summaries));
  writeFileSync(join(o.out, "runs.csv"), runsCsv(records));
  mkdirSync(join(o.out, "plots"), { recursive: true });
  const plots: string[] = [];
  for (const s of summaries) {
    const png = join(runKey(o, s.method, s.data, s.seeds[0]), "scatter.png");
    const to = join("plots", `${s.method}-${s.data}.png`);
    if (existsSync(png)) copyFileSync(png, join(o.out, to));
    plots.push(`- ${s.method}, ${s.data}, seed ${s.seeds[0]}: [${to}](${to})`);
  }
  const missing = outcomes.filter((x) => !x.result.record).map((x) => `- ${x.data} ${x.method} seed ${x.seed}: ${x.result.diverged ? "diverged (numerical guard)" : "failed or not finished: see its gantry.log; run again to retry"}`);
  const md = [
    "# Mode-collapse benchmark",
    "",
    `${o.steps} generator steps per run, seeds ${o.seeds.join(", ")}; ${SAMPLES} samples per run; mean ± sample std over seeds`,
    "(VEEGAN/PacGAN protocol: high quality = within the 2-D 3σ radius of the nearest mode; a mode is captured when",
    "it is the nearest mode of at least one high-quality sample). Written by benchmarks/mode-collapse/run.ts.",
    "",
    summaryMarkdown(summaries),
    "Scatter plots (2 500 samples, orange; mode centres, blue circles):",
    "",
    ...plots,
    ...(missing.length ? ["", "Not in the table:", "", ...missing] : []),
    "",
  ].join("\n");
  writeFileSync(join(o.out, "results.md"), md);
  console.log(`\n${summaries.length ? summaryMarkdown(summaries) : "no finished runs yet\n"}\nwrote ${relative(process.cwd(), join(o.out, "results.md"))}, results.csv, runs.csv, plots/`);
}

const o = options();
mkdirSync(o.out, { recursive: true });
const outcomes = o.report ? recorded(o) : o.queue ? await runOnQueue(o, o.queue) : await runLocally(o);
writeTables(o, outcomes);
if (o.report) process.exit(0);
if (stopping) process.exit(130);
// A run that failed (not one the numerical guard stopped: that is a result) fails the command, so the
// smoke run in CI catches a broken method; run it again to retry just those.
const failed = outcomes.filter((x) => !x.result.record && !x.result.diverged);
if (failed.length) {
  console.error(`${failed.length} run(s) failed: ${failed.map((x) => `${x.data} ${x.method} seed ${x.seed}`).join(", ")}`);
  process.exitCode = 1;
}
