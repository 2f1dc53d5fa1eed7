// A Gantry worker of benchmarks/speed: one backend per process (`--backend native-1|native-2|wasm|cpu`),
// each trainer built once on its first request and warmed up then; answers protocol.ts requests.
// Run by run.ts, not by hand.
import { createInterface } from "node:readline";
import { tf, useBackend, type Backend, type Method } from "@gantry/core";
import { nativeBackend } from "../../packages/backend-native/src/index.ts";
import { cpu } from "../../packages/backend-cpu/src/index.ts";
import { wasm } from "../../packages/backend-wasm/src/node.ts";
import { builders } from "./models.ts";
import type { Reply, Request } from "./protocol.ts";

/**
 * Warm-up before a model's first timed step: at least 3 steps and at least 2 s. Three steps were not
 * enough: a fresh MLP worker took ≈ 280 minor page faults per step over its first ≈ 100 steps while its
 * heaps grew (≈ 13 ms per step), then ≈ 5 (≈ 6.5 ms). torch_worker.py warms up by the same rule.
 */
const WARMUP_STEPS = 3;
const WARMUP_MS = 2000;
/**
 * Before every timed block, untimed steps for at least 0.5 s: a worker that waited while the others ran
 * resumes cold (page faults, caches), and a training run does not wait between steps. PyTorch's worker
 * does the same.
 */
const REWARM_MS = 500;

/** Steps of t, untimed, for at least `steps` steps and `ms` milliseconds. */
async function untimed(t: Method, steps: number, ms: number): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < steps || performance.now() - start < ms; i++) await t.step();
}

const backends: Readonly<Record<string, () => Backend>> = {
  "native-1": () => nativeBackend({ threads: 1 }),
  "native-2": () => nativeBackend({ threads: 2 }),
  wasm: () => wasm,
  cpu: () => cpu,
};

const trainers = new Map<string, Method>();

async function trainer(model: keyof typeof builders): Promise<Method> {
  const built = trainers.get(model);
  if (built) return built;
  const t = builders[model]();
  await untimed(t, WARMUP_STEPS, WARMUP_MS);
  trainers.set(model, t);
  return t;
}

async function timeSteps(model: keyof typeof builders, steps: number): Promise<number[]> {
  const t = await trainer(model);
  await untimed(t, 1, REWARM_MS);
  const ms: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    await t.step(); // reads the step's stats: one device sync per step, as the PyTorch side's .item()
    ms.push(performance.now() - t0);
  }
  return ms;
}

async function answer(req: Request, backendName: string): Promise<Reply> {
  if (req.op === "hello") {
    return { id: req.id, reply: true, ok: true, info: { backend: backendName, tfBackend: tf.getBackend(), tfjs: tf.version_core, node: process.version } };
  }
  if (req.op === "time") return { id: req.id, reply: true, ok: true, ms: await timeSteps(req.model, req.steps) };
  return { id: req.id, reply: true, ok: false, error: `unknown op in ${JSON.stringify(req)}` };
}

async function main(): Promise<void> {
  const name = process.argv[process.argv.indexOf("--backend") + 1];
  const make = backends[name];
  if (!make) throw new Error(`worker.ts: --backend ${name}: expected one of ${Object.keys(backends).join(", ")}`);
  await useBackend(make(), { log: (m) => process.stderr.write(`${m}\n`) });
  for await (const line of createInterface({ input: process.stdin })) {
    const req = JSON.parse(line) as Request;
    if (req.op === "quit") break;
    const reply = await answer(req, name).catch((e: unknown): Reply => ({ id: req.id, reply: true, ok: false, error: String((e as Error).stack ?? e) }));
    process.stdout.write(`${JSON.stringify(reply)}\n`);
  }
  for (const t of trainers.values()) t.dispose();
  process.exit(0); // stdin and the wasm runtime would otherwise keep the process alive
}

await main();
