// The sweep file: a base spec (or several, by label), the seeds, and a grid and/or a random search over
// spec fields addressed by dotted paths. Read with line numbers so that every error names the file,
// line and field; it does not expand the sweep (expand-sweep.ts) or touch the base specs.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { GantryError, aggregateErrors, z } from "@gantry/core";
import { LineCounter, isMap, isScalar, parseDocument, type Node as YamlNode } from "yaml";

/** A JSON value that can replace a spec field. */
export type OverrideValue = string | number | boolean | null | readonly OverrideValue[] | { readonly [key: string]: OverrideValue };

/** How the random search draws one field; all bounds inclusive of a, exclusive of b but for `int`. */
export type Distribution =
  | { readonly uniform: readonly [number, number] }
  | { readonly logUniform: readonly [number, number] }
  | { readonly int: readonly [number, number] }
  | { readonly choice: readonly OverrideValue[] };

export interface SweepFile {
  readonly name: string;
  /** Base specs by label; a single `base: spec.yaml` is labelled by its file name. Paths resolved. */
  readonly bases: Readonly<Record<string, string>>;
  readonly seeds: readonly number[];
  /** Field path → values; the grid is their Cartesian product, in file order. */
  readonly grid: Readonly<Record<string, readonly OverrideValue[]>>;
  readonly random?: { readonly n: number; readonly seed: number; readonly params: Readonly<Record<string, Distribution>> };
  /** The sweep file (for messages), and the line of a path in it. */
  readonly file: string;
  lineOf(path: readonly (string | number)[]): number | undefined;
}

const FOLDER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const FIELD_PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

const value: z.ZodType<OverrideValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(value), z.record(z.string(), value)]),
);
const pair = z.tuple([z.number(), z.number()]).refine(([a, b]) => a < b, { message: "needs [low, high] with low < high" });
const distribution: z.ZodType<Distribution> = z.union([
  z.object({ uniform: pair }).strict(),
  z.object({ logUniform: pair.refine(([a]) => a > 0, { message: "logUniform bounds must be positive" }) }).strict(),
  z.object({ int: z.tuple([z.number().int(), z.number().int()]).refine(([a, b]) => a <= b, { message: "needs [low, high] with low ≤ high" }) }).strict(),
  z.object({ choice: z.array(value).min(1) }).strict(),
], { error: () => "a distribution is { uniform: [a, b] }, { logUniform: [a, b] }, { int: [a, b] } or { choice: [...] }" });

const schema = z.object({
  name: z.string().regex(FOLDER_NAME, { message: "name is used as a folder name: letters, digits, . _ -" }),
  base: z.union([z.string().min(1), z.record(z.string().regex(FOLDER_NAME, { message: "base labels are letters, digits, . _ -" }), z.string().min(1))
    .refine((m) => Object.keys(m).length > 0, { message: "name at least one base spec" })]),
  seeds: z.array(z.number().int().nonnegative()).min(1).refine((s) => new Set(s).size === s.length, { message: "seeds must be distinct" }),
  grid: z.record(z.string(), z.array(value).min(1, { message: "a grid field needs at least one value" })).optional(),
  random: z.object({
    n: z.number().int().positive(),
    seed: z.number().int().nonnegative().default(0),
    params: z.record(z.string(), distribution).refine((p) => Object.keys(p).length > 0, { message: "name at least one field to draw" }),
  }).strict().optional(),
}).strict();

export function loadSweepFile(file: string): SweepFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new GantryError("SWEEP_NOT_FOUND", `cannot read the sweep file: ${(e as Error).message}`, { where: { file }, hint: "check the path" });
  }
  return parseSweepText(text, file);
}

export function parseSweepText(text: string, file: string): SweepFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw aggregateErrors(doc.errors.map((err) => new GantryError("SWEEP_SYNTAX", `not valid YAML: ${err.message.split("\n")[0]}`, {
      where: { file, line: lineCounter.linePos(err.pos[0]).line }, hint: "fix the syntax at that line (indentation, quotes, a missing colon)",
    })));
  }
  const lineOf = (path: readonly (string | number)[]): number | undefined => {
    for (let n = path.length; n > 0; n--) {
      const parent = doc.getIn(path.slice(0, n - 1), true) as YamlNode | undefined;
      const key = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === path[n - 1])?.key as YamlNode | undefined : undefined;
      const node = key ?? (doc.getIn(path.slice(0, n), true) as YamlNode | undefined);
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw aggregateErrors(parsed.error.issues.map((issue) => {
      const keys = issue.code === "unrecognized_keys" && issue.keys.length === 1 ? issue.keys : [];
      const path = [...issue.path, ...keys].map((p) => (typeof p === "number" ? p : String(p)));
      const message = issue.code === "unrecognized_keys" ? issue.message.replace("Unrecognized key", "unknown field") : issue.message;
      return new GantryError("SWEEP_INVALID", message, {
        where: { file, line: lineOf(path), field: path.join(".") || undefined },
        hint: "a sweep has name, base (a spec path, or { label: path }), seeds, grid: { field.path: [values] } and random: { n, seed, params }",
      });
    }));
  }
  const { name, base, seeds, grid = {}, random } = parsed.data;
  const bases = typeof base === "string" ? { [labelOf(base)]: base } : base;
  const dir = dirname(resolve(file));
  const resolved = Object.fromEntries(Object.entries(bases).map(([label, path]) => [label, resolve(dir, path)]));
  checkPaths(grid, random?.params ?? {}, file, lineOf);
  return { name, bases: resolved, seeds, grid, ...(random ? { random } : {}), file, lineOf };
}

/** "specs/ring-gan.yaml" → "ring-gan". */
const labelOf = (path: string): string => path.replace(/^.*[\\/]/, "").replace(/\.(ya?ml|json)$/i, "");

/** Field paths are dotted keys, not seed or name (the sweep sets those), each swept one way only. */
function checkPaths(grid: object, random: object, file: string, lineOf: SweepFile["lineOf"]): void {
  const errors: GantryError[] = [];
  const report = (path: readonly string[], message: string, hint: string): void =>
    void errors.push(new GantryError("SWEEP_INVALID", message, { where: { file, line: lineOf(path), field: path.join(".") }, hint }));
  for (const [where, fields] of [[["grid"], grid], [["random", "params"], random]] as const) {
    for (const p of Object.keys(fields)) {
      if (!FIELD_PATH.test(p)) report([...where, p], `"${p}" is not a field path`, "a field path is dotted keys, e.g. nodes.train.params.steps");
      else if (p === "seed" || p === "name") report([...where, p], `"${p}" is set by the sweep`, "list the seeds under `seeds`; the run's name is <sweep>.<run id>");
    }
  }
  for (const p of Object.keys(grid).filter((k) => k in random)) {
    report(["random", "params", p], `"${p}" is both a grid field and a random field`, "sweep each field one way");
  }
  if (errors.length) throw aggregateErrors(errors);
}
