// Throughput of `gantry sweep` on 1, 2, 3 … `gantry worker` processes (BullMQ on a local redis-server, one
// run store): a fixed sweep of tiny ring GANs (examples/specs/ring-gan.yaml shrunk by overrides), runs per
// minute from the moment the jobs are enqueued to the last result.json, and the speed-up over 1 worker
// measured in the same run. Needs the cli built (npx nx run @gantry/cli:build) and redis-server.
// Run: npx tsx benchmarks/sweep-throughput.ts [--runs 12] [--steps 100] [--workers 1,2,3]
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { loadavg, tmpdir, cpus } from "node:os";
import { join } from "node:path";
import { startRedis } from "../packages/sweeps/src/test-support/redis-server.ts";

const arg = (name: string, fallback: string): string => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const runs = Number(arg("--runs", "12"));
const steps = Number(arg("--steps", "100"));
const counts = arg("--workers", "1,2,3").split(",").map(Number);
const root = new URL("..", import.meta.url).pathname;
const BIN = join(root, "packages/cli/dist/bin.js");
if (!existsSync(BIN)) throw new Error(`${BIN} is missing: npx nx run @gantry/cli:build first`);

const sweepYaml = (name: string): string => `name: ${name}
base: ${join(root, "examples/specs/ring-gan.yaml")}
seeds: [${Array.from({ length: runs }, (_, i) => i + 1)}]
grid:
  nodes.train.params.steps: [${steps}]
  nodes.generator.params.hidden: [[32]]
  nodes.critic.params.hidden: [[32]]
  sinks.checkpoint.every: [25]
  sinks.samples.n: [64]
`;

const gantry = (args: readonly string[], cwd: string): ChildProcess =>
  spawn(process.execPath, [BIN, ...args], { cwd, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, CI: "true" } });

const waitFor = (child: ChildProcess, pattern: RegExp): Promise<number> => new Promise((resolve, reject) => {
  let text = "";
  child.stderr!.on("data", (d) => {
    text += String(d);
    if (pattern.test(text)) resolve(Date.now());
  });
  child.on("exit", (code) => reject(new Error(`exited (${code}) before ${pattern}:\n${text}`)));
});

interface Row { workers: number; seconds: number; perMinute: number; trainingSeconds: number; load: number }

async function measure(url: string, workers: number): Promise<Row> {
  const cwd = mkdtempSync(join(tmpdir(), "gantry-throughput-"));
  const name = `throughput-${workers}`;
  writeFileSync(join(cwd, "sweep.yaml"), sweepYaml(name));
  const procs = Array.from({ length: workers }, () => gantry(["worker", "--queue", url, "--runs-dir", "runs"], cwd));
  await Promise.all(procs.map((p) => waitFor(p, /waiting for jobs/)));
  const load = loadavg()[0];
  const sweep = gantry(["sweep", "sweep.yaml", "--queue", url, "--runs-dir", "runs"], cwd);
  const enqueued = await waitFor(sweep, /enqueued/);
  await new Promise((r) => sweep.on("exit", r));
  const store = join(cwd, "runs", name);
  const results = readdirSync(store).map((id) => JSON.parse(readFileSync(join(store, id, "result.json"), "utf8")) as { finishedAt: string; trainingSeconds: number });
  for (const p of procs) p.kill("SIGTERM");
  await Promise.all(procs.map((p) => new Promise((r) => p.on("exit", r))));
  const seconds = (Math.max(...results.map((r) => Date.parse(r.finishedAt))) - enqueued) / 1000;
  const trainingSeconds = results.reduce((s, r) => s + r.trainingSeconds, 0) / results.length;
  return { workers, seconds, perMinute: (60 * results.length) / seconds, trainingSeconds, load };
}

const redis = await startRedis();
try {
  const rows: Row[] = [];
  for (const n of counts) {
    rows.push(await measure(redis.url, n));
    process.stderr.write(`${n} worker(s): ${rows.at(-1)!.perMinute.toFixed(1)} runs/min\n`);
  }
  console.log(`\n${runs} runs × ${steps} steps (ring GAN, G and D hidden [32], checkpoint every 25), ${cpus().length} CPUs\n`);
  console.log("| workers | wall s | runs/min | × 1 worker | training s/run | load at start |");
  console.log("|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    console.log(`| ${r.workers} | ${r.seconds.toFixed(1)} | ${r.perMinute.toFixed(1)} | ${(r.perMinute / rows[0].perMinute).toFixed(2)}× | ${r.trainingSeconds.toFixed(2)} | ${r.load.toFixed(1)} |`);
  }
} finally {
  await redis.stop();
}
