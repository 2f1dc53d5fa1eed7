// Expands a sweep into runs: base specs × grid points × random draws × seeds, each with a stable ID
// `s<seed>-<hash>` where the hash is of the setting (base label and overrides, as canonical JSON), so
// the same run gets the same ID whatever the order of the file or the machine. It reads no spec.
import { createHash } from "node:crypto";
import { Rng } from "@gantry/core";
import type { Distribution, OverrideValue, SweepFile } from "./sweep-file.js";

export type Overrides = Readonly<Record<string, OverrideValue>>;

/** One setting of the sweep: which base spec, which field values. Runs of one setting differ by seed. */
export interface Setting {
  /** 8 hex digits of SHA-256 of the canonical JSON of { base, overrides }. */
  readonly key: string;
  readonly base: string;
  readonly overrides: Overrides;
  /** For tables: "base=madgan steps=200 lr=0.0012" (fields by their last key unless that is ambiguous). */
  readonly label: string;
}

export interface PlannedRun {
  /** `s<seed>-<setting key>`: the job ID, the run folder's name, the results row. */
  readonly id: string;
  readonly seed: number;
  readonly setting: Setting;
}

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const shortHash = (text: string): string => createHash("sha256").update(text).digest("hex").slice(0, 8);

export const runId = (seed: number, setting: Pick<Setting, "key">): string => `s${seed}-${setting.key}`;

export function expandSweep(sweep: SweepFile): PlannedRun[] {
  const draws = randomDraws(sweep);
  const settings = new Map<string, Setting>();
  for (const base of Object.keys(sweep.bases)) {
    for (const point of gridPoints(sweep.grid)) {
      for (const draw of draws) {
        const setting = makeSetting(base, { ...point, ...draw }, Object.keys(sweep.bases).length > 1);
        if (!settings.has(setting.key)) settings.set(setting.key, setting);
      }
    }
  }
  return [...settings.values()].flatMap((setting) => sweep.seeds.map((seed) => ({ id: runId(seed, setting), seed, setting })));
}

function makeSetting(base: string, overrides: Overrides, labelBase: boolean): Setting {
  const key = shortHash(canonicalJson({ base, overrides }));
  const fields = Object.entries(overrides).map(([path, v]) => `${shortName(path, Object.keys(overrides))}=${formatValue(v)}`);
  return { key, base, overrides, label: [...(labelBase ? [`base=${base}`] : []), ...fields].join(" ") || base };
}

/** The last key of a path, or more of it when another path ends the same way. */
function shortName(path: string, all: readonly string[]): string {
  const parts = path.split(".");
  for (let n = 1; n < parts.length; n++) {
    const tail = parts.slice(-n).join(".");
    if (all.filter((p) => p === tail || p.endsWith(`.${tail}`)).length === 1) return tail;
  }
  return path;
}

export function formatValue(v: OverrideValue): string {
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** The Cartesian product of the grid, first field slowest; one empty point when there is no grid. */
function gridPoints(grid: SweepFile["grid"]): Overrides[] {
  let points: Record<string, OverrideValue>[] = [{}];
  for (const [path, values] of Object.entries(grid)) points = points.flatMap((p) => values.map((v) => ({ ...p, [path]: v })));
  return points;
}

/** `random.n` draws of every random field from one seeded stream, in file order; one empty draw without. */
function randomDraws(sweep: SweepFile): Overrides[] {
  if (!sweep.random) return [{}];
  const rng = Rng.seeded(sweep.random.seed).split("sweep/random");
  const params = Object.entries(sweep.random.params);
  return Array.from({ length: sweep.random.n }, () => Object.fromEntries(params.map(([path, d]) => [path, draw(d, rng)])));
}

function draw(d: Distribution, rng: Rng): OverrideValue {
  if ("uniform" in d) return d.uniform[0] + (d.uniform[1] - d.uniform[0]) * rng.nextFloat();
  if ("logUniform" in d) {
    const [a, b] = d.logUniform.map(Math.log);
    return Math.exp(a + (b - a) * rng.nextFloat());
  }
  if ("int" in d) return d.int[0] + rng.nextInt(d.int[1] - d.int[0] + 1);
  return d.choice[rng.nextInt(d.choice.length)];
}
