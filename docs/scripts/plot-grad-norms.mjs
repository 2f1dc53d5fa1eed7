// Draws the vanishing-gradients figure of docs/recipes/vanishing-gradients.md from two real runs:
// G's gradient norm (log scale) and D(G(z)) per logged step, minimax vs non-saturating, read from each
// run's events.jsonl. Writes docs/public/plots/grad-norms.svg and the plotted numbers as grad-norms.csv.
// Usage (from the repository root; ≈ 1–2 min per run on 2 cores):
//   node packages/cli/dist/bin.js run examples/specs/ring-minimax.yaml --runs-dir /tmp/vg
//   node packages/cli/dist/bin.js run examples/specs/ring-nonsaturating.yaml --runs-dir /tmp/vg
//   node docs/scripts/plot-grad-norms.mjs /tmp/vg/ring-minimax/<time> /tmp/vg/ring-nonsaturating/<time>
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const outDir = join(resolve(dirname(fileURLToPath(import.meta.url)), ".."), "public/plots");
const colours = ["#d62728", "#1f77b4"];

/** The step statistics of one run: [{ step, gradNormG, dFake }], and its spec name. */
function readRun(runDir) {
  const events = readFileSync(join(runDir, "events.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const start = events.find((e) => e.type === "start");
  const steps = events
    .filter((e) => e.type === "step" && Number.isFinite(e.stats.gradNormG))
    .map((e) => ({ step: e.step, gradNormG: e.stats.gradNormG, dFake: e.stats.dFake }));
  return { name: start?.name ?? basename(dirname(runDir)), backend: start?.backend, steps };
}

function panel({ runs, key, title, y0, height, width, log, yTicks }) {
  const left = 70, right = width - 20, top = y0 + 28, bottom = y0 + height - 30;
  const maxStep = Math.max(...runs.flatMap((r) => r.steps.map((s) => s.step)));
  const [lo, hi] = [yTicks[0], yTicks[yTicks.length - 1]];
  const f = log ? Math.log10 : (v) => v;
  const x = (step) => left + ((right - left) * step) / maxStep;
  const y = (v) => bottom - ((bottom - top) * (f(Math.min(Math.max(v, lo), hi)) - f(lo))) / (f(hi) - f(lo));
  const parts = [`<text x="${left}" y="${y0 + 16}" font-size="14" font-weight="bold">${title}</text>`];
  for (const t of yTicks) {
    parts.push(`<line x1="${left}" x2="${right}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${y(t) + 4}" font-size="11" text-anchor="end">${t}</text>`);
  }
  for (let s = 0; s <= maxStep; s += maxStep / 5) {
    parts.push(`<text x="${x(s)}" y="${bottom + 16}" font-size="11" text-anchor="middle">${s}</text>`);
  }
  parts.push(`<line x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="#444"/>`);
  runs.forEach((run, i) => {
    const points = run.steps.map((s) => `${x(s.step).toFixed(1)},${y(s[key]).toFixed(1)}`).join(" ");
    parts.push(`<polyline fill="none" stroke="${colours[i]}" stroke-width="1.3" points="${points}"/>`);
  });
  return parts.join("\n");
}

function svg(runs) {
  const width = 760, height = 560;
  const legend = runs
    .map((r, i) => `<rect x="${90 + i * 260}" y="${height - 22}" width="14" height="4" fill="${colours[i]}"/>` +
      `<text x="${110 + i * 260}" y="${height - 16}" font-size="12">${r.name}</text>`)
    .join("\n");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" font-family="sans-serif" role="img">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    panel({ runs, key: "gradNormG", title: "‖∇θ_G‖ (gradNormG), log scale", y0: 0, height: 280, width, log: true, yTicks: [0.01, 0.1, 1, 10, 100, 1000] }),
    panel({ runs, key: "dFake", title: "D(G(z)) (dFake)", y0: 270, height: 250, width, log: false, yTicks: [0, 0.1, 0.2, 0.3, 0.4] }),
    `<text x="${width / 2}" y="${height - 36}" font-size="11" text-anchor="middle">generator step</text>`,
    legend,
    `</svg>`,
  ].join("\n");
}

function csv(runs) {
  const rows = ["run,step,gradNormG,dFake"];
  for (const r of runs) for (const s of r.steps) rows.push(`${r.name},${s.step},${s.gradNormG},${s.dFake}`);
  return rows.join("\n") + "\n";
}

const dirs = process.argv.slice(2);
if (dirs.length !== 2) {
  console.error("usage: node docs/scripts/plot-grad-norms.mjs <minimax run dir> <non-saturating run dir>");
  process.exit(2);
}
const runs = dirs.map(readRun);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "grad-norms.svg"), svg(runs) + "\n");
writeFileSync(join(outDir, "grad-norms.csv"), csv(runs));
console.log(`wrote ${join(outDir, "grad-norms.svg")} and grad-norms.csv (${runs.map((r) => `${r.name}: ${r.steps.length} logged steps on ${r.backend}`).join(", ")})`);
