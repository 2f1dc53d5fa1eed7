// Speed of one GAN training step (one D update + one G update) with Gantry's `alternating` trainer on
// wasm, against the same step in PyTorch on CPU (benchmarks/torch_train_step.py, run from here).
// Run: npx tsx benchmarks/train-step.ts [--steps 50] [--conv-steps 10]. Times are medians of single steps
// after warm-up; ratios are Gantry ÷ PyTorch. Rows are models (the MLP ring GAN, and the DCGAN on
// Fashion-MNIST, which needs dataset-fashion-mnist); add one to `models` to benchmark another network.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { useBackend, type Method } from "@gantry/core";
import { wasm } from "../packages/backend-wasm/src/node.ts";
import { medianStepMs } from "./median-step.ts";
import { ring } from "../packages/data/src/index.ts";
import { fashionMnist } from "../packages/data/src/node.ts";
import { nonSaturating } from "../packages/losses/src/index.ts";
import { alternating, dcganDiscriminator, dcganGenerator, mlp } from "../packages/models/src/index.ts";

const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const steps = arg("--steps", 50);
const convSteps = arg("--conv-steps", 10);

interface Model { readonly name: string; readonly torchKey: string; readonly steps: number; readonly warmup: number; build(): Method }

const models: readonly Model[] = [{
  name: "MLP ring GAN (G 256-128-128-2, D 2-128-128-1, batch 512)",
  torchKey: "mlp-ring", steps, warmup: 10,
  build: () => alternating({
    data: ring({ modes: 8, radius: 2, std: 0.02 }), batchSize: 512, seed: 0,
    generator: mlp({ input: 256, hidden: [128, 128], output: 2 }),
    discriminator: mlp({ input: 2, hidden: [128, 128], output: 1 }),
    loss: nonSaturating(),
  }),
}, {
  name: "DCGAN Fashion-MNIST (width 64, 28×28×1, batch-norm G and D, latent 100, batch 64)",
  torchKey: "dcgan", steps: convSteps, warmup: 3,
  build: () => alternating({
    data: fashionMnist({ batchSize: 64 }), batchSize: 64, seed: 0,
    generator: dcganGenerator({ latent: 100, image: [28, 28, 1], width: 64 }),
    discriminator: dcganDiscriminator({ image: [28, 28, 1], width: 64 }),
    loss: nonSaturating(),
  }),
}];


interface TorchResult { readonly torch: string; readonly [model: string]: { threads: number[]; ms: number[] } | string }

function torchTimes(): TorchResult | undefined {
  // Debian's python3-torch lives in /usr/bin/python3's dist-packages (a pyenv python3 may lack it).
  const python = process.env.PYTHON ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
  try {
    const args = ["benchmarks/torch_train_step.py", "--steps", String(steps), "--conv-steps", String(convSteps)];
    const out = execFileSync(python, args, { encoding: "utf8" });
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
  const gantryMs = await medianStepMs(trainer, m.steps, m.warmup);
  trainer.dispose();
  const ref = reference?.[m.torchKey] as { threads: number[]; ms: number[] } | undefined;
  const cells = ref ? ref.threads.flatMap((t, i) => [`${ref.ms[i].toFixed(2)} (${t} thr)`, `${(gantryMs / ref.ms[i]).toFixed(2)}×`]) : ["–"];
  rows.push([m.name, gantryMs.toFixed(2), ...cells]);
}
const threads = (reference?.["mlp-ring"] as { threads: number[] } | undefined)?.threads ?? [];
const header = ["model", "wasm ms/step", ...threads.flatMap((t) => [`torch ${t} thr ms/step`, `wasm ÷ torch(${t})`])];
console.log(`medians of ${steps} (MLP) / ${convSteps} (DCGAN) steps; PyTorch ${reference?.torch ?? "n/a"} CPU`);
console.log(`| ${header.join(" | ")} |\n| ${header.map(() => "---").join(" | ")} |`);
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
