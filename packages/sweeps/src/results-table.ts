// A sweep's results as text: Markdown (per setting, mean ± std over seeds, then per run) for reading,
// CSV (per run or per setting, full float precision) for pandas or a spreadsheet.
import type { RunRow, SettingRow, SweepResults } from "./sweep-results.js";

const short = (v: number): string => (Number.isInteger(v) ? String(v) : Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toPrecision(4));

const cell = (s: string): string => s.replace(/\|/g, "\\|");

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, header.map(() => "---"), ...rows].map((r) => `| ${r.map(cell).join(" | ")} |`).join("\n");
}

const runInfo = (r: RunRow): string[] => [
  r.run.id, String(r.run.seed), r.run.setting.label, r.state,
  r.step !== undefined ? String(r.step) : "",
  r.result ? String(r.result.attempts.length) : "",
  r.result ? r.result.wallSeconds.toFixed(1) : "",
];

export function resultsMarkdown(name: string, results: SweepResults): string {
  const { settings, rows, columns } = results;
  const done = rows.filter((r) => r.state === "done").length;
  const bySetting = markdownTable(["setting", "runs done", ...columns], settings.map((s) => [
    s.setting.label, `${s.done}/${s.runs}`,
    ...columns.map((c) => (s.values[c] ? `${short(s.values[c].mean)}${s.values[c].std !== undefined ? ` ± ${short(s.values[c].std!)}` : ""}` : "")),
  ]));
  const byRun = markdownTable(["run", "seed", "setting", "state", "step", "attempts", "wall s", ...columns], rows.map((r) => [
    ...runInfo(r), ...columns.map((c) => (r.values[c] !== undefined ? short(r.values[c]) : "")),
  ]));
  return [
    `## Sweep ${name}: ${done}/${rows.length} runs done`, "",
    "Mean ± sample standard deviation over the seeds of each setting (done runs only).", "", bySetting, "",
    "### Runs", "", byRun, "",
  ].join("\n");
}

const csvField = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csvLine = (fields: readonly string[]): string => fields.map(csvField).join(",");
const full = (v: number | undefined): string => (v === undefined ? "" : String(v));

export function resultsCsvByRun(results: SweepResults): string {
  const header = ["run", "seed", "setting", "state", "step", "attempts", "wall_seconds", ...results.columns];
  return [csvLine(header), ...results.rows.map((r) => csvLine([...runInfo(r).slice(0, 6), full(r.result?.wallSeconds), ...results.columns.map((c) => full(r.values[c]))]))].join("\n") + "\n";
}

export function resultsCsvBySetting(results: SweepResults): string {
  const header = ["setting", "key", "runs", "done", ...results.columns.flatMap((c) => [`${c}_mean`, `${c}_std`])];
  const line = (s: SettingRow): string => csvLine([
    s.setting.label, s.setting.key, String(s.runs), String(s.done),
    ...results.columns.flatMap((c) => [full(s.values[c]?.mean), full(s.values[c]?.std)]),
  ]);
  return [csvLine(header), ...results.settings.map(line)].join("\n") + "\n";
}
