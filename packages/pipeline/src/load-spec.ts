// Reads a spec from YAML or JSON text and keeps a map from spec paths to source lines, so every
// validation error can say "spec.yaml:12". JSON is YAML, so one parser serves both. Syntax and
// schema errors are reported all at once (one GantryError with every issue, by line).
import { readFileSync } from "node:fs";
import { GantryError, aggregateErrors, didYouMean, type z } from "@gantry/core";
import { LineCounter, parseDocument, isMap, isSeq, isScalar, visit, type Document, type Node as YamlNode } from "yaml";
import { specSchema, type PipelineSpec } from "./spec-schema.js";

export interface LoadedSpec {
  readonly spec: PipelineSpec;
  /** The file it came from (for messages), if any. */
  readonly file?: string;
  /** Source line (1-based) of a spec path such as ["nodes", "train", "with", "loss"]. */
  lineOf(path: readonly (string | number)[]): number | undefined;
  /** The original text. */
  readonly text: string;
}

export function loadSpecFile(file: string): LoadedSpec {
  return parseSpecText(readSpecFile(file), file);
}

/** A spec file's text; SPEC_NOT_FOUND when it cannot be read. */
export function readSpecFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new GantryError("SPEC_NOT_FOUND", `cannot read spec: ${(e as Error).message}`, { where: { file }, hint: "check the path" });
  }
}

export function parseSpecText(text: string, file?: string): LoadedSpec {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // The parser often reports one mistake several times on its line; the first report per line is the clearest.
    const firstPerLine = new Map<number, string>();
    for (const err of doc.errors) {
      const line = lineCounter.linePos(err.pos[0]).line;
      if (!firstPerLine.has(line)) firstPerLine.set(line, err.message.split("\n")[0]);
    }
    throw aggregateErrors([...firstPerLine].map(([line, message]) => new GantryError("SPEC_SYNTAX", `not valid YAML/JSON: ${message}`, {
      where: { file, line }, hint: "fix the syntax at that line (indentation, quotes, a missing colon)",
    })));
  }
  const lineOf = lineFinder(doc, lineCounter);
  const raw = toData(doc, file, (offset) => lineCounter.linePos(offset).line);
  const parsed = specSchema.safeParse(raw);
  if (!parsed.success) {
    throw aggregateErrors(problems(parsed.error.issues, raw).map(({ path, message }) =>
      new GantryError("SPEC_INVALID", message, { where: { file, line: lineOf(path), field: path.join(".") || undefined }, hint: hintFor(path) })));
  }
  return { spec: parsed.data, file, lineOf, text };
}

/** The source line of a spec path in the parsed text: its key's line, else its nearest ancestor's. */
export function lineFinder(doc: Document, lineCounter: LineCounter): (path: readonly (string | number)[]) => number | undefined {
  return (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as YamlNode | undefined;
      const key = n > 0 ? keyNode(doc.getIn(path.slice(0, n - 1), true) as YamlNode | undefined, path[n - 1]) : undefined;
      const range = (key ?? node)?.range;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    return undefined;
  };
}

/**
 * The document as plain data. yaml refuses to expand aliases more than 100 times (a "billion laughs"
 * spec would otherwise take all memory); that refusal is an error at the first alias's line.
 */
function toData(doc: Document, file: string | undefined, lineAt: (offset: number) => number): unknown {
  try {
    return doc.toJS();
  } catch (e) {
    let line: number | undefined;
    visit(doc, { Alias: (_, node) => { line = node.range ? lineAt(node.range[0]) : undefined; return visit.BREAK; } });
    throw new GantryError("SPEC_YAML_LIMIT", `the YAML cannot be read as data: ${(e as Error).message}`, {
      where: { file, line }, hint: "write the values out instead of repeating anchors (&a) through aliases (*a)", cause: e,
    });
  }
}

type Issue = z.core.$ZodIssue;

interface Problem { readonly path: (string | number)[]; readonly message: string }

/**
 * zod's issues as problems at a spec path: one per unknown key, and a misspelt key (unknown "evry",
 * missing "every") only once, as the unknown one with a did-you-mean.
 */
function problems(issues: readonly Issue[], raw: unknown): Problem[] {
  const pathOf = (p: readonly PropertyKey[]): (string | number)[] => p.map((k) => (typeof k === "number" ? k : String(k)));
  const at = (p: readonly PropertyKey[]): string => p.map(String).join(".");
  const last = (i: Issue): string => String(i.path[i.path.length - 1]);
  const missing = issues.filter((i) => i.code === "invalid_type" && /received undefined$/.test(i.message) && i.path.length > 0);
  const explained = new Set<Issue>();
  const unknown: Problem[] = [];
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    for (const key of issue.keys) {
      const siblings = missing.filter((m) => at(m.path.slice(0, -1)) === at(issue.path) && !explained.has(m));
      const guess = didYouMean(key, siblings.map(last));
      if (guess !== undefined) explained.add(siblings.find((m) => last(m) === guess)!);
      unknown.push({ path: [...pathOf(issue.path), key], message: `unknown field "${key}"${guess ? `; did you mean "${guess}"?` : ""}` });
    }
  }
  const others = issues.filter((i) => i.code !== "unrecognized_keys" && !explained.has(i))
    .map((i) => ({ path: pathOf(i.path), message: describeIssue(i.message, i.path.length, raw) }));
  return [...unknown, ...others];
}

/** The key node of `key` inside a YAML map, so errors point at the key's line. */
function keyNode(parent: YamlNode | undefined, key: string | number): YamlNode | undefined {
  if (!isMap(parent)) return isSeq(parent) ? (parent.items[key as number] as YamlNode | undefined) : undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair?.key as YamlNode | undefined;
}

function describeIssue(message: string, depth: number, raw: unknown): string {
  if (depth === 0 && (typeof raw !== "object" || raw === null)) return "a spec must be a mapping with name and nodes";
  return message;
}

function hintFor(path: readonly (string | number)[]): string {
  if (path[0] === "nodes" && path.length >= 3) return "a node has use, params, with and (for observers) every";
  if (path[0] === "sinks") return "sinks are checkpoint: { every, keep, keepBest: { metric, value, mode } }, samples: { every, n }, log: {}, report: {}";
  return "a spec has name, seed, backend, plugins, nodes, sinks and guard (see examples/)";
}
