// Trains an MLP GAN on the 8-Gaussian ring (radius 2, σ 0.05) on wasm with Gantry's `alternating`
// trainer, printing diagnostics every 50 steps and, at the end, the share of samples within 3σ of
// their nearest mode and how many modes those cover. Run: npm run example:ring-mlp [-- --steps 500]
import { useBackend, type StepStats } from "@gantry/core";
import { wasm } from "@gantry/backend-wasm/node";
import { ring } from "@gantry/data";
import { nonSaturating } from "@gantry/losses";
import { alternating, mlp } from "@gantry/models";

const steps = Number(process.argv[process.argv.indexOf("--steps") + 1] || 500);
const std = 0.05;

await useBackend(wasm);
const data = ring({ modes: 8, radius: 2, std });
const trainer = alternating({
  data, batchSize: 128, seed: 7,
  generator: mlp({ input: 2, hidden: [64, 64], output: 2, activation: "leakyRelu" }),
  discriminator: mlp({ input: 2, hidden: [64, 64], output: 1, activation: "leakyRelu" }),
  loss: nonSaturating(),
});

const show = (s: StepStats) => Object.entries(s).map(([k, v]) => `${k} ${v.toFixed(3)}`).join("  ");
const t0 = performance.now();
for (let i = 1; i <= steps; i++) {
  const stats = await trainer.step();
  if (i % 50 === 0 || i === 1) console.log(`step ${String(i).padStart(4)}  ${show(stats)}`);
}
const seconds = (performance.now() - t0) / 1000;

// VEEGAN/PacGAN's "high quality": within 3σ of the nearest mode; a mode is covered if it is nearest to one.
const x = trainer.sample(2000, 0);
const xy = x.dataSync();
x.dispose();
const centres = data.info.mixture.centres;
let good = 0;
const covered = new Set<number>();
for (let i = 0; i < xy.length / 2; i++) {
  const d = centres.map((c) => Math.hypot(xy[2 * i] - c[0], xy[2 * i + 1] - c[1]));
  const nearest = d.indexOf(Math.min(...d));
  if (d[nearest] <= 3 * std) { good++; covered.add(nearest); }
}
console.log(`${steps} steps in ${seconds.toFixed(1)} s: ${((100 * good) / (xy.length / 2)).toFixed(1)} % of samples within 3σ of a mode, ${covered.size}/8 modes covered`);
trainer.dispose();
