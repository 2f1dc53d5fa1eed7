// Speed of one GAN training step (one D update + one G update) with Gantry's `alternating` trainer on
// wasm, against the same step in PyTorch on CPU (benchmarks/torch_train_step.py, run from here).
// Run: npx tsx benchmarks/train-step.ts [--steps 50]. Times are medians of single steps after warm-up;
// ratios are Gantry ÷ PyTorch. Rows are models; add one to `models` to benchmark another network.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { useBackend, type Method } from "@gantry/core";
import { wasm } from "../packages/backend-wasm/src/index.ts";
import { ring } from "../packages/data/src/index.ts";
import { nonSaturating } from "../packages/losses/src/index.ts";
import { alternating, mlp } from "../packages/models/src/index.ts";

const steps = Number(process.argv[process.argv.indexOf("--steps") + 1] || 50);

interface Model { readonly name: string; readonly torchKey: string; build(): Method }

const models: readonly Model[] = [{
  name: "MLP ring GAN (G 256-128-128-2, D 2-128-128-1, batch 512)",
  torchKey: "mlp-ring",
  build: () => alternating({
    data: ring({ modes: 8, radius: 2, std: 0.02 }), batchSize: 512, seed: 0,
    generator: mlp({ input: 256, hidden: [128, 128], output: 2 }),
    discriminator: mlp({ input: 2, hidden: [128, 128], output: 1 }),
    loss: nonSaturating(),
  }),
}];

/** Median wall time (ms) of single trainer steps after `warmup` steps. */
async function medianStepMs(trainer: Method, n: number, warmup = 10): Promise<number> {
  for (let i = 0; i < warmup; i++) await trainer.step();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await trainer.step();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(n / 2)];
}

interface TorchResult { readonly torch: string; readonly [model: string]: { threads: number[]; ms: number[] } | string }

function torchTimes(): TorchResult | undefined {
  // Debian's python3-torch lives in /usr/bin/python3's dist-packages (a pyenv python3 may lack it).
  const python = process.env.PYTHON ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
  try {
    const out = execFileSync(python, ["benchmarks/torch_train_step.py", "--steps", String(steps)], { encoding: "utf8" });
    return JSON.parse(out.trim().split("\n").pop() as string) as TorchResult;
  } catch (e) {
    console.warn(`PyTorch reference skipped: ${(e as Error).message.split("\n")[0]}`);
    return undefined;
  }
}

await useBackend(wasm, { log: () => {} });
const rows: string[][] = [];
const reference = torchTimes();
for (const m of models) {
  const trainer = m.build();
  const gantryMs = await medianStepMs(trainer, steps);
  trainer.dispose();
  const ref = reference?.[m.torchKey] as { threads: number[]; ms: number[] } | undefined;
  const cells = ref ? ref.threads.flatMap((t, i) => [`${ref.ms[i].toFixed(2)} (${t} thr)`, `${(gantryMs / ref.ms[i]).toFixed(2)}×`]) : ["–"];
  rows.push([m.name, gantryMs.toFixed(2), ...cells]);
}
const threads = (reference?.["mlp-ring"] as { threads: number[] } | undefined)?.threads ?? [];
const header = ["model", "wasm ms/step", ...threads.flatMap((t) => [`torch ${t} thr ms/step`, `wasm ÷ torch(${t})`])];
console.log(`median of ${steps} steps; PyTorch ${reference?.torch ?? "n/a"} CPU`);
console.log(`| ${header.join(" | ")} |\n| ${header.map(() => "---").join(" | ")} |`);
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
