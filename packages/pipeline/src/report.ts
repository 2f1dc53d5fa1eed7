// report.html: one self-contained page per run (no network): loss, diagnostic and metric curves
// (uPlot, inlined), the latest sample pictures (inlined PNG), and the spec. Rebuilt from the run
// directory's files, so `gantry report` can regenerate it at any time.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { readJsonl, type RunDirectory } from "./run-directory.js";

interface StepLine { readonly type: string; readonly step: number; readonly stats?: Record<string, number>; readonly backend?: string; readonly name?: string; readonly reason?: string; readonly time?: string }
interface MetricLine { readonly step: number; readonly node: string; readonly values: Record<string, number>; readonly details?: unknown }

export interface ChartSeries { readonly label: string; readonly values: readonly (number | null)[] }
export interface ChartData { readonly id: string; readonly title: string; readonly log?: boolean; readonly x: readonly number[]; readonly series: readonly ChartSeries[] }

const GROUPS: readonly { id: string; title: string; log?: boolean; match: (k: string) => boolean }[] = [
  { id: "losses", title: "Losses", match: (k) => /loss/i.test(k) },
  { id: "discriminator", title: "Discriminator outputs", match: (k) => /^(dReal|dFake|dAccuracy|criticReal|criticFake|criticGap)$/.test(k) },
  { id: "gradients", title: "Gradient norms (log scale)", log: true, match: (k) => /^gradNorm[GD]$/.test(k) },
  { id: "penalties", title: "Penalties", match: (k) => /penalty/i.test(k) && !/loss/i.test(k) },
];

function uplotAssets(): { js: string; css: string } {
  // uplot's main file sits in its dist/, next to the IIFE bundle and the stylesheet.
  const dir = dirname(createRequire(import.meta.url).resolve("uplot"));
  return { js: readFileSync(join(dir, "uPlot.iife.min.js"), "utf8"), css: readFileSync(join(dir, "uPlot.min.css"), "utf8") };
}

/** Charts from step events: one per group of statistics that the run reported. */
export function stepCharts(steps: readonly StepLine[]): ChartData[] {
  const x = steps.map((s) => s.step);
  const keys = [...new Set(steps.flatMap((s) => Object.keys(s.stats ?? {})))];
  return GROUPS.map((g) => ({
    id: g.id, title: g.title, log: g.log, x,
    series: keys.filter(g.match).map((k) => ({ label: k, values: steps.map((s) => finiteOrNull(s.stats?.[k], g.log)) })),
  })).filter((c) => c.series.length > 0);
}

/** One chart per metric node, one series per reported value. */
export function metricCharts(metrics: readonly MetricLine[]): ChartData[] {
  const nodes = [...new Set(metrics.map((m) => m.node))];
  return nodes.map((node) => {
    const rows = metrics.filter((m) => m.node === node);
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r.values)))];
    return { id: `metric-${node}`, title: `Metric: ${node}`, x: rows.map((r) => r.step),
      series: keys.map((k) => ({ label: k, values: rows.map((r) => finiteOrNull(r.values[k])) })) };
  });
}

const finiteOrNull = (v: number | undefined, log = false): number | null =>
  v === undefined || !Number.isFinite(v) || (log && v <= 0) ? null : v;

const escapeHtml = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** The newest sample pictures (at most `n`), newest first. */
function latestSamples(dir: RunDirectory, n: number): { name: string; dataUrl: string }[] {
  if (!existsSync(dir.samplesDir)) return [];
  return readdirSync(dir.samplesDir).filter((f) => f.endsWith(".png")).sort().reverse().slice(0, n)
    .map((name) => ({ name, dataUrl: `data:image/png;base64,${readFileSync(join(dir.samplesDir, name)).toString("base64")}` }));
}

/** Writes report.html for a run directory and returns its path. */
export function writeReport(dir: RunDirectory): string {
  const events = readJsonl<StepLine>(dir.eventsFile);
  const steps = events.filter((e) => e.type === "step");
  const metrics = readJsonl<MetricLine>(dir.metricsFile);
  const start = events.find((e) => e.type === "start");
  const end = [...events].reverse().find((e) => e.type === "end");
  const charts = [...stepCharts(steps), ...metricCharts(metrics)];
  const samples = latestSamples(dir, 4);
  const spec = existsSync(dir.specFile) ? readFileSync(dir.specFile, "utf8") : "";
  const { js, css } = uplotAssets();
  const lastMetrics = metricsTable(metrics);
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Gantry run ${escapeHtml(start?.name ?? "")}</title>
<style>${css}
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}.charts{display:flex;flex-wrap:wrap;gap:16px}
.chart{border:1px solid #ddd;padding:8px}.samples img{image-rendering:pixelated;max-width:480px;border:1px solid #ddd;margin:4px}
pre{background:#f6f6f6;padding:12px;overflow:auto}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 8px;text-align:right}
</style></head><body>
<h1>Gantry run: ${escapeHtml(start?.name ?? "unknown")}</h1>
<p>Backend <b>${escapeHtml(start?.backend ?? "?")}</b> · ${steps.length ? `steps ${steps[0].step}–${steps[steps.length - 1].step}` : "no steps yet"}
 · ${end ? `ended: <b>${escapeHtml(end.reason ?? "")}</b>` : "running or interrupted"} · started ${escapeHtml(start?.time ?? "?")}</p>
<h2>Training curves</h2><div class="charts" id="charts">${charts.length ? "" : "<p>No steps recorded yet.</p>"}</div>
<h2>Metrics (latest)</h2>${lastMetrics}
<h2>Samples</h2><div class="samples">${samples.map((s) => `<figure><img alt="${escapeHtml(s.name)}" src="${s.dataUrl}"><figcaption>${escapeHtml(s.name)}</figcaption></figure>`).join("") || "<p>No sample pictures.</p>"}</div>
<h2>Spec</h2><pre>${escapeHtml(spec)}</pre>
<script>${js}</script>
<script>
const charts = ${scriptJson(charts)};
const colours = ["#e6550d","#3182bd","#31a354","#756bb1","#636363","#d62728","#8c564b"];
for (const c of charts) {
  const el = document.createElement("div"); el.className = "chart"; el.dataset.chart = c.id;
  document.getElementById("charts").appendChild(el);
  const opts = { title: c.title, width: 520, height: 260, scales: { x: { time: false }, y: c.log ? { distr: 3 } : {} },
    series: [{ label: "step" }, ...c.series.map((s, i) => ({ label: s.label, stroke: colours[i % colours.length], width: 1.5, spanGaps: true }))] };
  new uPlot(opts, [c.x, ...c.series.map((s) => s.values)], el);
  el.dataset.rendered = "true";
}
document.body.dataset.chartsRendered = String(charts.length);
</script></body></html>`;
  writeFileSync(dir.reportFile, html);
  return dir.reportFile;
}

/** JSON for an inline <script>: "<" escaped, so text from a run folder (stat names) cannot close the script. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

function metricsTable(metrics: readonly MetricLine[]): string {
  const latest = new Map<string, MetricLine>();
  for (const m of metrics) latest.set(m.node, m);
  if (latest.size === 0) return "<p>No metrics recorded.</p>";
  const rows = [...latest.values()].map((m) => {
    const values = Object.entries(m.values).map(([k, v]) => `${escapeHtml(k)} = ${Number.isFinite(v) ? Number(v.toPrecision(5)) : v}`).join(", ");
    return `<tr><th>${escapeHtml(m.node)}</th><td>${m.step}</td><td style="text-align:left">${values}</td></tr>`;
  });
  return `<table><tr><th>node</th><th>step</th><th>values</th></tr>${rows.join("")}</table>`;
}
