// The mode-collapse benchmark's table: per method × dataset, modes captured and high-quality share
// (mean ± sample std over seeds, as VEEGAN/PacGAN report them) and mean wall time, as CSV and Markdown.
// Pure functions of the per-run records run.ts collects; it reads no files and runs nothing.

/** One finished run: what run.ts records after training and exporting its samples. */
export interface RunRecord {
  readonly method: string;
  readonly data: string;
  readonly seed: number;
  /** Generator steps the run was given (the budget). */
  readonly steps: number;
  /** Modes of the mixture (8 for the ring, 25 for the grid). */
  readonly totalModes: number;
  /** Modes captured by the final 2 500 samples (the spec's `metric/mode-coverage` node). */
  readonly modes: number;
  /** Share of those samples within the high-quality radius of their nearest mode, in [0, 1]. */
  readonly highQuality: number;
  /** Training seconds from the run's events (each attempt's start to its last event, summed). */
  readonly wallSeconds: number;
  /** The TF.js backend it trained on (`a+b` if attempts differed). */
  readonly backend: string;
}

/** Mean and sample standard deviation (n − 1; NaN for fewer than two values, where it is undefined). */
export interface MeanStd {
  readonly mean: number;
  readonly std: number;
}

export interface Summary {
  readonly method: string;
  readonly data: string;
  readonly steps: number;
  readonly totalModes: number;
  readonly seeds: readonly number[];
  readonly modes: MeanStd;
  /** Of the high-quality share, in percent. */
  readonly highQualityPct: MeanStd;
  readonly wallSecondsMean: number;
  /** Runs per backend, e.g. `native 3, wasm 2` (wall times compare only within one backend). */
  readonly backends: string;
}

/** Two-pass mean and sample std in float64 (exact enough for a handful of seeds; no cancellation). */
export function meanStd(values: readonly number[]): MeanStd {
  if (values.length === 0) return { mean: NaN, std: NaN };
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  if (values.length < 2) return { mean, std: NaN };
  const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { mean, std: Math.sqrt(ss / (values.length - 1)) };
}

/** One summary per method × dataset × budget, in the order the records first name them; seeds sorted. */
export function summarize(records: readonly RunRecord[]): Summary[] {
  const groups = new Map<string, RunRecord[]>();
  for (const r of records) {
    const key = JSON.stringify([r.method, r.data, r.steps]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((rs) => ({
    method: rs[0].method,
    data: rs[0].data,
    steps: rs[0].steps,
    totalModes: rs[0].totalModes,
    seeds: rs.map((r) => r.seed).sort((a, b) => a - b),
    modes: meanStd(rs.map((r) => r.modes)),
    highQualityPct: meanStd(rs.map((r) => 100 * r.highQuality)),
    wallSecondsMean: meanStd(rs.map((r) => r.wallSeconds)).mean,
    backends: countBackends(rs),
  }));
}

function countBackends(rs: readonly RunRecord[]): string {
  const n = new Map<string, number>();
  for (const r of rs) n.set(r.backend, (n.get(r.backend) ?? 0) + 1);
  return [...n].sort(([a], [b]) => a.localeCompare(b)).map(([b, k]) => `${b} ${k}`).join(", ");
}

const fixed = (v: number, digits: number): string => (Number.isFinite(v) ? v.toFixed(digits) : "");

/** RFC 4180: quote a field that holds a comma, quote or line break. */
const csvField = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const csvLine = (fields: readonly (string | number)[]): string => fields.map((f) => csvField(String(f))).join(",");

/** One row per method × dataset; an undefined std (one seed) is an empty field. */
export function summaryCsv(summaries: readonly Summary[]): string {
  const header = ["method", "data", "steps", "seeds", "total_modes", "modes_mean", "modes_std", "high_quality_pct_mean", "high_quality_pct_std", "wall_seconds_mean", "backends"];
  const rows = summaries.map((s) => csvLine([
    s.method, s.data, s.steps, s.seeds.length, s.totalModes, fixed(s.modes.mean, 3), fixed(s.modes.std, 3),
    fixed(s.highQualityPct.mean, 2), fixed(s.highQualityPct.std, 2), fixed(s.wallSecondsMean, 1), s.backends,
  ]));
  return [csvLine(header), ...rows].join("\n") + "\n";
}

/** One row per run, the numbers behind the summary. */
export function runsCsv(records: readonly RunRecord[]): string {
  const header = ["method", "data", "steps", "seed", "total_modes", "modes", "high_quality_pct", "wall_seconds", "backend"];
  const rows = records.map((r) => csvLine([r.method, r.data, r.steps, r.seed, r.totalModes, r.modes, fixed(100 * r.highQuality, 2), fixed(r.wallSeconds, 1), r.backend]));
  return [csvLine(header), ...rows].join("\n") + "\n";
}

/** `6.8 ± 0.8`, or just `8.0` when the std is undefined (one seed). */
export function formatMeanStd(m: MeanStd, digits: number): string {
  return Number.isFinite(m.std) ? `${m.mean.toFixed(digits)} ± ${m.std.toFixed(digits)}` : m.mean.toFixed(digits);
}

/** A Markdown table per dataset (modes of that dataset in the header), methods as rows. */
export function summaryMarkdown(summaries: readonly Summary[]): string {
  const datasets = [...new Set(summaries.map((s) => s.data))];
  return datasets.map((data) => {
    const rows = summaries.filter((s) => s.data === data);
    const total = rows[0].totalModes;
    return [
      `### ${data} (${total} modes)`,
      "",
      `| method | G steps | seeds | modes (of ${total}) | high quality % | wall s/run | backend (runs) |`,
      "|---|---:|---:|---:|---:|---:|---|",
      ...rows.map((s) => `| ${s.method} | ${s.steps} | ${s.seeds.length} | ${formatMeanStd(s.modes, 1)} | ${formatMeanStd(s.highQualityPct, 1)} | ${s.wallSecondsMean.toFixed(1)} | ${s.backends} |`),
    ].join("\n");
  }).join("\n\n") + "\n";
}
