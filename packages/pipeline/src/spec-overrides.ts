// Command-line overrides of a spec (`--set nodes.train.params.steps=500`, `--seed 4`): each sets one value,
// parsed as YAML, at a dotted path of the spec's YAML document (so comments survive) before validation.
// Every segment but the last must already exist; it does not merge mappings or delete keys.
import { GantryError, aggregateErrors, didYouMean, type GantryIssue } from "@gantry/core";
import { LineCounter, parse, parseDocument, type Document } from "yaml";
import { lineFinder, parseSpecText, type LoadedSpec } from "./load-spec.js";
import { resolveYamlPath } from "./yaml-path.js";

/** One override: the flag as the user wrote it (for messages), where it points and the value it sets. */
export interface SpecOverride {
  readonly flag: string;
  readonly path: readonly string[];
  readonly value: unknown;
}

/** A spec with overrides applied: `text` is the spec as run, `lineOf` points into the file as written. */
export interface OverriddenSpec extends LoadedSpec {
  readonly overrides: readonly SpecOverride[];
}

const overrideError = (flag: string, message: string, hint: string): GantryError =>
  new GantryError("SPEC_OVERRIDE_INVALID", message, { where: { file: flag }, hint });

/** `path=value` of a `--set` flag; the value is YAML (`500` a number, `[64,64]` a list, `adam` a string). */
export function parseSetFlag(arg: string): SpecOverride {
  const flag = `--set ${arg}`;
  const eq = arg.indexOf("=");
  const path = eq > 0 ? arg.slice(0, eq).split(".") : [];
  if (path.length === 0 || path.some((s) => s.trim() === "")) {
    throw overrideError(flag, "expected <path>=<value>, with a dotted path", "e.g. --set nodes.train.params.steps=500 or --set nodes.critic.params.hidden.0=64");
  }
  return { flag, path, value: yamlValue(flag, arg.slice(eq + 1)) };
}

/** `--seed <n>`: the same as `--set seed=<n>`. */
export function seedOverride(seed: string): SpecOverride {
  return { flag: `--seed ${seed}`, path: ["seed"], value: yamlValue(`--seed ${seed}`, seed) };
}

function yamlValue(flag: string, text: string): unknown {
  try {
    return parse(text) as unknown;
  } catch (e) {
    throw overrideError(flag, `the value is not valid YAML: ${(e as Error).message.split("\n")[0]}`, "quote strings that contain YAML syntax, e.g. --set 'name=\"a: b\"'");
  }
}

/**
 * The spec `text` with `overrides` applied in order, parsed and schema-checked like any spec. An
 * override whose path does not exist, or a value the schema rejects, is an error at its flag; other
 * errors keep their line in `file`. With no overrides the text is kept byte for byte.
 */
export function applySpecOverrides(text: string, overrides: readonly SpecOverride[], file?: string): OverriddenSpec {
  if (overrides.length === 0) return { ...parseSpecText(text, file), overrides };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) parseSpecText(text, file); // throws the file's syntax errors, by line
  const problems: GantryError[] = [];
  for (const o of overrides) {
    try {
      // A scalar set as a plain value keeps the old scalar node, and with it the comment on its line.
      const value = typeof o.value === "object" && o.value !== null ? doc.createNode(o.value, { flow: true }) : o.value;
      doc.setIn(resolvePath(doc, o), value);
    } catch (e) {
      if (!(e instanceof GantryError)) throw e;
      problems.push(e);
    }
  }
  if (problems.length > 0) throw aggregateErrors(problems);
  const originalLine = lineFinder(doc, lineCounter);
  const lineOf = (path: readonly (string | number)[]): number | undefined => (overriding(overrides, path) ? undefined : originalLine(path));
  let loaded: LoadedSpec;
  try {
    loaded = parseSpecText(doc.toString(), file);
  } catch (e) {
    throw blameOverrides(e, overrides, (path) => ({ file, line: lineOf(path) }));
  }
  return { ...loaded, lineOf, overrides };
}

/**
 * The document path of an override, list indices as numbers; throws when a segment before the last is
 * missing (with a did-you-mean) or is not a mapping or list. Comments and line ranges stay on the nodes.
 */
function resolvePath(doc: Document, o: SpecOverride): (string | number)[] {
  const r = resolveYamlPath(doc, o.path);
  if ("path" in r) return r.path;
  const p = r.problem;
  const here = p.at.length ? p.at.join(".") : "the spec";
  if (p.kind === "missingKey") {
    const guess = didYouMean(p.segment, p.keys);
    throw overrideError(o.flag, `${here} has no "${p.segment}"${guess ? `; did you mean "${guess}"?` : ""}`, `keys of ${here}: ${p.keys.join(", ") || "(none)"}`);
  }
  if (p.kind === "badIndex") {
    throw overrideError(o.flag, `${here} is a list of ${p.size}; "${p.segment}" is not an index of it`, `use an index from 0 to ${p.last ? p.size : p.size - 1}`);
  }
  throw overrideError(o.flag, `${here} is ${p.scalar ? `the value ${JSON.stringify(p.scalar.value)}` : "empty"}, not a mapping or list`, `set ${here} itself, e.g. --set ${here}=…`);
}

/** Whether `path` lies at or inside the value an override sets. */
function overriding(overrides: readonly SpecOverride[], path: readonly (string | number)[]): SpecOverride | undefined {
  return overrides.findLast((o) => o.path.length <= path.length && o.path.every((s, i) => s === String(path[i])));
}

/** The spec path of an issue: `nodes.<node>.<field>` for graph issues, `<field>` for schema issues. */
function issuePath(where: GantryIssue["where"]): string[] {
  const field = where.field ? where.field.split(".") : [];
  return where.node !== undefined ? ["nodes", where.node, ...field] : field;
}

/**
 * `error` with each issue inside an overridden value placed at its flag (`--set a.b=1: a.b: …`) and, when
 * `elsewhere` is given, every other issue placed by it (e.g. at its line in the file as written).
 * Anything but a GantryError is returned unchanged.
 */
export function blameOverrides(
  error: unknown, overrides: readonly SpecOverride[], elsewhere?: (path: readonly string[]) => { file?: string; line?: number },
): unknown {
  if (!(error instanceof GantryError) || overrides.length === 0) return error;
  const issues = error.issues.map((issue): GantryIssue => {
    const path = issuePath(issue.where);
    const by = path.length > 0 ? overriding(overrides, path) : undefined;
    const { line: _line, ...rest } = issue.where;
    if (by) return { ...issue, where: { ...rest, file: by.flag } };
    return elsewhere ? { ...issue, where: { ...rest, ...elsewhere(path) } } : issue;
  });
  const [first, ...more] = issues;
  return new GantryError(first.code, first.message, { where: first.where, hint: first.hint, cause: error, more });
}
