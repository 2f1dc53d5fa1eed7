// Seeded mutations (fast-check) of the example specs: keys deleted or renamed, wrong types,
// out-of-range and huge numbers, unknown `use`, dangling references, cycles, broken YAML, alias bombs,
// deep nesting, unicode. Each mutant must validate, or be rejected by one GantryError whose every issue
// names the file and a field or node (a line, for YAML syntax) — never another exception, never a hang.
// Validation only (`validateSpec`, and `prepare` for spec files): nothing is created or trained.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { isGantryError, type GantryIssue, type Registry } from "@gantry/core";
import { parseSpecText, validateSpec } from "@gantry/pipeline";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { prepare } from "./commands/prepare.js";
import { catalog, defaultRegistry } from "./default-registry.js";

const SEED = 20_260_117;
const RUNS = 1_200;
const PREPARED_RUNS = 120;
/** One validation takes milliseconds; a case this slow is a hang (a busy 2-core CI machine included). */
const HANG_MS = 2_000;

const specsDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "examples", "specs");
const bases = readdirSync(specsDir).filter((f) => f.endsWith(".yaml")).sort()
  .map((f) => ({ file: f, text: readFileSync(join(specsDir, f), "utf8") }));

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

interface Base { readonly file: string; readonly text: string; readonly obj: { [k: string]: Json } }

/** The random choices of one mutation; each operator reads the ones it needs. */
interface Mutation {
  readonly base: number;
  readonly op: keyof typeof operators;
  readonly pick: number;
  readonly pick2: number;
  readonly value: Json;
  readonly str: string;
}

// ---- helpers over the parsed spec -------------------------------------------------------------

const isMap = (v: Json | undefined): v is { [k: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);

function paths(v: Json, at: Path = []): Path[] {
  const children: [string | number, Json][] = Array.isArray(v) ? v.map((c, i) => [i, c]) : isMap(v) ? Object.entries(v) : [];
  return children.flatMap(([k, c]) => [[...at, k], ...paths(c, [...at, k])]);
}

const getAt = (root: Json, path: Path): Json | undefined => path.reduce<Json | undefined>((v, k) => (v as Record<string | number, Json> | undefined)?.[k], root);

function setAt(root: Json, path: Path, value: Json | undefined): void {
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, Json>;
  const key = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else {
    parent[key] = value;
  }
}

const choose = <T>(list: readonly T[], n: number): T => list[n % list.length];

/** A near miss of a name: one character dropped, doubled or swapped, or the case flipped. */
function typo(s: string, n: number): string {
  if (s.length < 2) return `${s}x`;
  const i = n % (s.length - 1);
  switch (n % 4) {
    case 0: return s.slice(0, i) + s.slice(i + 1);
    case 1: return s.slice(0, i) + s[i] + s.slice(i);
    case 2: return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
    default: return s.toUpperCase();
  }
}

const WEIRD_NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "", " ", "a".repeat(5_000), "lоss" /* Cyrillic о */,
  "名前", "🙂", "x\u0000y", "\u202Eevil", "../../etc", "1e3", "null"];
const NUMBERS = [-1, 0, -0.5, 0.5, 1e308, -1e308, 2 ** 53, 2 ** 31, 1e-320, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
const YAML_CHARS = [":", "{", "}", "[", "]", "-", "#", "&", "*", "!", "|", ">", "'", "\"", "\t", "\n", " ", "%", "@", "`", "\u0000", "\uFEFF", "\u202E", "\r"];

const emit = (obj: Json, n: number): string => (n % 3 === 0 ? JSON.stringify(obj, null, 1) : stringify(obj));
const lines = (text: string) => text.split("\n");

/** Paths of `use` strings, of string bindings under `with`, and of top-level nodes. */
const usePaths = (o: Json) => paths(o).filter((p) => p[p.length - 1] === "use");
const bindingPaths = (o: Json) => paths(o).filter((p) => p.includes("with") && p[p.length - 1] !== "use" && typeof getAt(o, p) === "string");
const nodeNames = (o: Base["obj"]) => Object.keys(isMap(o.nodes) ? o.nodes : {});

// ---- the operators: each returns the mutated text --------------------------------------------

const operators = {
  deleteKey(m: Mutation, b: Base) {
    const o = structuredClone(b.obj);
    setAt(o, choose(paths(o), m.pick), undefined);
    return emit(o, m.pick2);
  },
  renameKey(m: Mutation, b: Base) {
    const o = structuredClone(b.obj);
    const keyPaths = paths(o).filter((p) => typeof p[p.length - 1] === "string");
    const p = choose(keyPaths, m.pick);
    const parent = getAt(o, p.slice(0, -1)) as { [k: string]: Json };
    const key = p[p.length - 1] as string;
    const name = m.pick2 % 2 === 0 ? typo(key, m.pick2 >> 1) : m.pick2 % 4 === 1 ? choose(WEIRD_NAMES, m.pick2 >> 2) : m.str;
    const value = parent[key];
    delete parent[key];
    Object.defineProperty(parent, name, { value, enumerable: true, writable: true, configurable: true });
    return emit(o, m.pick2);
  },
  wrongType(m: Mutation, b: Base) {
    const o = structuredClone(b.obj);
    setAt(o, choose(paths(o), m.pick), m.value);
    return emit(o, m.pick2);
  },
  outOfRange(m: Mutation, b: Base) {
    const o = structuredClone(b.obj);
    const numeric = paths(o).filter((p) => typeof getAt(o, p) === "number");
    setAt(o, choose(numeric, m.pick), choose(NUMBERS, m.pick2));
    return stringify(o); // YAML writes NaN and ±Infinity as .nan / .inf, which JSON cannot
  },
  unknownUse(m: Mutation, b: Base) {
    const o = structuredClone(b.obj);
    const p = choose(usePaths(o), m.pick);
    const use = String(getAt(o, p));
    const [kind, name] = use.split("/");
    const variants = [`${typo(kind, m.pick2)}/${name}`, `${kind}/${typo(name, m.pick2)}`, `loss/${name}`, `${kind}/`, `/${name}`, kind,
      "", "../../x/y", "lоss/hinge", `${kind}/${name}/extra`, `${kind}/${m.str}`, `method/${name}`];
    setAt(o, p, choose(variants, m.pick2));
    return emit(o, m.pick2);
  },
  danglingRef(m: Mutation, b: Base) {
    const o = structuredClone(b.obj);
    const refs = bindingPaths(o);
    if (refs.length === 0) return emit(o, m.pick2);
    const p = choose(refs, m.pick);
    const ref = String(getAt(o, p));
    const names = nodeNames(o);
    const variants = [typo(ref, m.pick2), m.str, "train.sampler.nope", "data.sampler", "train.sampler", "train.sampler.", "train.gOptimizer",
      "nodes", choose(names, m.pick2), "__proto__", "constructor"];
    setAt(o, p, choose(variants, m.pick2));
    return emit(o, m.pick2);
  },
  cycle(m: Mutation, b: Base) {
    const o = structuredClone(b.obj);
    const nodes = o.nodes as { [k: string]: { with?: { [k: string]: Json } } };
    const withPorts = Object.entries(nodes).filter(([, n]) => isMap(n.with ?? null));
    const [a, na] = choose(withPorts, m.pick);
    const [bName, nb] = choose(withPorts, m.pick2);
    const portA = choose(Object.keys(na.with!), m.pick2);
    na.with![portA] = bName;
    if (bName !== a) nb.with![choose(Object.keys(nb.with!), m.pick)] = a;
    return emit(o, m.pick2);
  },
  addNode(m: Mutation, b: Base) {
    const o = structuredClone(b.obj);
    const uses = ["method/alternating", "metric/mode-coverage", "dataset/ring", "network/mlp", "loss/hinge", "regularizer/r1", "lookahead/unrolled"];
    (o.nodes as { [k: string]: Json })[choose(["extra", "train2", ...WEIRD_NAMES], m.pick)] =
      { use: choose(uses, m.pick2), ...(m.pick2 % 2 ? { params: m.value } : {}), ...(m.pick % 3 === 0 ? { with: { generator: "train.sampler", data: "data" } } : {}) };
    return emit(o, m.pick2);
  },
  removeNode(m: Mutation, b: Base) {
    const o = structuredClone(b.obj);
    delete (o.nodes as { [k: string]: Json })[choose(nodeNames(o), m.pick)];
    return emit(o, m.pick2);
  },
  topLevel(m: Mutation, b: Base) {
    const o = structuredClone(b.obj);
    const edits: (() => void)[] = [
      () => { o.backend = [choose(["cuda", "wasm", "cpu", "", "webgpu", "tpu", m.str], m.pick2)]; },
      () => { o.backend = m.value; },
      () => { o.seed = choose([...NUMBERS, "1", null], m.pick2); },
      () => { o.name = choose([...WEIRD_NAMES, m.str, "ok.name", "../up", "a/b"], m.pick2); },
      () => { o.sinks = m.value; },
      () => { o.nodes = choose([{}, [], null, "nodes", m.value], m.pick2); },
    ];
    choose(edits, m.pick)();
    return emit(o, m.pick2);
  },
  truncate(m: Mutation, b: Base) {
    return b.text.slice(0, m.pick % (b.text.length + 1));
  },
  insertChar(m: Mutation, b: Base) {
    const at = m.pick % (b.text.length + 1);
    return b.text.slice(0, at) + choose(YAML_CHARS, m.pick2) + b.text.slice(at);
  },
  deleteChar(m: Mutation, b: Base) {
    const at = m.pick % b.text.length;
    return b.text.slice(0, at) + b.text.slice(at + 1);
  },
  editLine(m: Mutation, b: Base) {
    const ls = lines(b.text);
    const i = m.pick % ls.length;
    const j = m.pick2 % ls.length;
    const edits = [
      () => ls.splice(i, 1),
      () => ls.splice(i, 0, ls[i]),
      () => ([ls[i], ls[j]] = [ls[j], ls[i]]),
      () => (ls[i] = `  ${ls[i]}`),
      () => (ls[i] = ls[i].replace(/^ {1,2}/, "")),
      () => (ls[i] = ls[i].replace(/\d+/, "9".repeat(400))),
      () => (ls[i] = ls[i].replace(/\d+(\.\d+)?/, "1e999")),
      () => (ls[i] = ls[i].replace(/: /, ": !!binary ")),
      () => (ls[i] = ls[i].replace(/: /, ": !custom ")),
      () => (ls[i] = ls[i].replace(/: /, ': !!js/function "x" ')),
    ];
    choose(edits, m.pick2 >> 3)();
    return ls.join("\n");
  },
  aliasBomb(m: Mutation, b: Base) {
    // "Billion laughs": each level refers to the one before it ten times.
    const depth = 3 + (m.pick % 8);
    const levels = Array.from({ length: depth }, (_, i) => (i === 0 ? "l0: &l0 [x, x, x, x, x, x, x, x, x, x]" : `l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(", ")}]`));
    return m.pick2 % 2 ? `${b.text}\n${levels.join("\n")}\n` : `${levels.join("\n")}\n${b.text}`;
  },
  deepNesting(m: Mutation, b: Base) {
    const depth = choose([50, 500, 2_000, 10_000], m.pick);
    const nested = m.pick2 % 2 ? "[".repeat(depth) + "]".repeat(depth) : "{a: ".repeat(depth) + "1" + "}".repeat(depth);
    return b.text.replace(/params: \{[^}\n]*\}/, `params: ${nested}`);
  },
  wholeText(m: Mutation, b: Base) {
    return choose(["", "null", "[]", "42", "~", "---\n---\n", m.str, "\uFEFF" + b.text, b.text.replace(/\n/g, "\r\n"), JSON.stringify(b.obj),
      `${b.text}\n---\n${b.text}`, b.text.repeat(2), "%YAML 9.9\n---\n" + b.text], m.pick);
  },
};

const opNames = Object.keys(operators) as (keyof typeof operators)[];

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  base: fc.nat({ max: bases.length - 1 }),
  op: fc.constantFrom(...opNames),
  pick: fc.nat(),
  pick2: fc.nat(),
  value: fc.oneof(
    fc.constantFrom<Json>(null, true, false, 0, -1, 1e308, "", "x".repeat(100_000), [], {}, "🙂", [1, "a", null]),
    fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  ),
  str: fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 })),
});

// ---- judging an outcome -----------------------------------------------------------------------

type Outcome = "valid" | "rejected" | "crash" | "hang";

/** Errors about the YAML text, before there are fields: they name a line instead. */
const TEXT_LEVEL = ["SPEC_SYNTAX", "SPEC_YAML_LIMIT"];

/** Every issue names the file and a field or node; a YAML text error names its line, a spec that is not a map says so. */
function clear(issue: GantryIssue, file: string): boolean {
  if (issue.where.file !== file) return false;
  if (TEXT_LEVEL.includes(issue.code)) return issue.where.line !== undefined;
  if (issue.code === "SPEC_INVALID" && issue.where.field === undefined) return /must be a mapping|expected object/.test(issue.message);
  return Boolean(issue.where.field || issue.where.node);
}

function judge(run: () => unknown, file: string): { outcome: Outcome; detail?: string } {
  const started = performance.now();
  let outcome: Outcome = "valid";
  let detail: string | undefined;
  try {
    run();
  } catch (e) {
    const ok = isGantryError(e) && e.issues.every((i) => clear(i, file));
    outcome = ok ? "rejected" : "crash";
    if (!ok) detail = isGantryError(e) ? `unclear location: ${JSON.stringify(e.issues.find((i) => !clear(i, file)))}` : String((e as Error)?.stack ?? e).slice(0, 600);
  }
  const ms = performance.now() - started;
  return ms > HANG_MS ? { outcome: "hang", detail: `${ms.toFixed(0)} ms` } : { outcome, detail };
}

interface Tally { tried: number; valid: number; rejected: number; crashes: number; hangs: number; failures: string[] }
const tally = (): Tally => ({ tried: 0, valid: 0, rejected: 0, crashes: 0, hangs: 0, failures: [] });

function record(t: Tally, r: { outcome: Outcome; detail?: string }, label: string, text: string): void {
  t.tried++;
  if (r.outcome === "valid") t.valid++;
  else if (r.outcome === "rejected") t.rejected++;
  else {
    if (r.outcome === "crash") t.crashes++;
    else t.hangs++;
    t.failures.push(`${label} → ${r.outcome}: ${r.detail}\n--- spec (first 400 chars) ---\n${text.slice(0, 400)}`);
  }
}

const report = (name: string, t: Tally) =>
  console.log(`${name}: ${t.tried} mutations tried, ${t.valid} valid, ${t.rejected} rejected with a clear GantryError, ${t.crashes} crashes, ${t.hangs} hangs`);

// ---- the suites -------------------------------------------------------------------------------

describe("mutated example specs validate or fail with a clear GantryError", () => {
  let registry: Registry;
  const loaded = (): Base[] => bases.map((b) => ({ ...b, obj: parseSpecText(b.text, b.file).spec as unknown as Base["obj"] }));

  it(`${RUNS} mutations through validateSpec (seed ${SEED})`, async () => {
    registry = await defaultRegistry();
    const all = loaded();
    const t = tally();
    fc.sample(mutationArb, { seed: SEED, numRuns: RUNS }).forEach((m, i) => {
      const base = all[m.base];
      const text = operators[m.op](m, base);
      const file = `mutant-${i}.yaml`;
      record(t, judge(() => validateSpec(parseSpecText(text, file), registry, { catalog }), file), `#${i} ${m.op} of ${base.file}`, text);
    });
    report("spec mutations (validateSpec)", t);
    expect(t.tried).toBeGreaterThanOrEqual(1_000);
    expect(t.failures.slice(0, 5).join("\n\n")).toBe("");
    expect(t.valid).toBeGreaterThan(0); // the operators also make specs that are still right
    expect(t.rejected).toBeGreaterThan(t.tried / 2);
  });

  it(`${PREPARED_RUNS} mutated spec files through prepare (plugins and backends included)`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "gantry-spec-mutants-"));
    const all = loaded();
    const t = tally();
    const pluginEntries = (n: number): string[] => [choose(["gantry-mutant-plugin", "./mutant-plugin.js", "../mutant/plugin.mjs", "@mutant/nope", "gantry-plugin-🙂"], n)];
    const samples = fc.sample(mutationArb, { seed: SEED + 1, numRuns: PREPARED_RUNS });
    for (const [i, m] of samples.entries()) {
      const base = all[m.base];
      // Every third file also lists a plugin package that is not installed (by name or by path).
      const text = i % 3 === 0 ? `${operators[m.op](m, base)}\nplugins: ${JSON.stringify(pluginEntries(m.pick))}\n` : operators[m.op](m, base);
      const file = join(dir, `mutant-${i}.yaml`);
      writeFileSync(file, text);
      const started = performance.now();
      let outcome: { outcome: Outcome; detail?: string };
      try {
        await prepare(file);
        outcome = { outcome: "valid" };
      } catch (e) {
        outcome = judge(() => { throw e; }, file);
      }
      const ms = performance.now() - started;
      record(t, ms > HANG_MS ? { outcome: "hang", detail: `${ms.toFixed(0)} ms` } : outcome, `#${i} ${m.op} of ${base.file} (prepare)`, text);
    }
    report("spec mutations (prepare, from files)", t);
    expect(t.failures.slice(0, 5).join("\n\n")).toBe("");
  });
});
