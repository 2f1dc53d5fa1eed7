// sink/csv: step statistics as `scalars.csv` (step, then one column per stat key, in first-seen order) and
// metric results as `metrics.csv` (long format: step,node,key,value). A stat key that appears after the
// header was written starts a new file, `scalars-1.csv`, `scalars-2.csv`, …; so does a resumed run.
import { closeSync, existsSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { GantryEvent, Sink, StepStats } from "@gantry/core";

export interface CsvSinkOptions {
  /** Folder the CSV files are written to (created if missing). */
  readonly dir: string;
}

/** A number as CSV: empty for a missing value; NaN and ±Infinity as JavaScript prints them. */
const cell = (v: number | undefined): string => (v === undefined ? "" : String(v));
const quote = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** The first of scalars.csv, scalars-1.csv, … that does not exist yet. */
function freeName(dir: string, taken: number): { name: string; index: number } {
  for (let i = taken; ; i++) {
    const name = i === 0 ? "scalars.csv" : `scalars-${i}.csv`;
    if (!existsSync(join(dir, name))) return { name, index: i };
  }
}

export function csvSink(options: CsvSinkOptions): Sink {
  mkdirSync(options.dir, { recursive: true });
  let scalars: { fd: number; keys: readonly string[] } | undefined;
  let metrics: number | undefined;
  let nextIndex = 0;

  const startScalars = (keys: readonly string[]): number => {
    if (scalars) closeSync(scalars.fd);
    const { name, index } = freeName(options.dir, nextIndex);
    nextIndex = index + 1;
    const fd = openSync(join(options.dir, name), "w");
    writeSync(fd, `${["step", ...keys].map(quote).join(",")}\n`);
    scalars = { fd, keys };
    return fd;
  };
  const writeStep = (step: number, stats: StepStats): void => {
    const known = scalars?.keys ?? [];
    const added = Object.keys(stats).filter((k) => !known.includes(k));
    const fd = added.length > 0 || !scalars ? startScalars([...known, ...added]) : scalars.fd;
    writeSync(fd, `${[String(step), ...scalars!.keys.map((k) => cell(stats[k]))].join(",")}\n`);
  };
  const writeMetric = (step: number, node: string, values: Readonly<Record<string, number>>): void => {
    if (metrics === undefined) {
      const path = join(options.dir, "metrics.csv");
      const fresh = !existsSync(path);
      metrics = openSync(path, "a");
      if (fresh) writeSync(metrics, "step,node,key,value\n");
    }
    for (const [key, value] of Object.entries(values)) writeSync(metrics, `${step},${quote(node)},${quote(key)},${cell(value)}\n`);
  };

  return {
    name: "csv",
    handle(event: GantryEvent): void {
      if (event.type === "step") writeStep(event.step, event.stats);
      else if (event.type === "metric") writeMetric(event.step, event.node, event.result.values);
    },
    close(): void {
      if (scalars) closeSync(scalars.fd);
      if (metrics !== undefined) closeSync(metrics);
      scalars = undefined;
      metrics = undefined;
    },
  };
}
