// Reads a spec from YAML or JSON text and keeps a map from spec paths to source lines, so every
// validation error can say "spec.yaml:12". JSON is YAML, so one parser serves both.
import { readFileSync } from "node:fs";
import { GantryError } from "@gantry/core";
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node as YamlNode } from "yaml";
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
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new GantryError("SPEC_NOT_FOUND", `cannot read spec: ${(e as Error).message}`, { where: { file }, hint: "check the path" });
  }
  return parseSpecText(text, file);
}

export function parseSpecText(text: string, file?: string): LoadedSpec {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const line = lineCounter.linePos(err.pos[0]).line;
    throw new GantryError("SPEC_SYNTAX", `not valid YAML/JSON: ${err.message.split("\n")[0]}`, {
      where: { file, line }, hint: "fix the syntax at that line (indentation, quotes, a missing colon)",
    });
  }
  const lineOf = (path: readonly (string | number)[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as YamlNode | undefined;
      const key = n > 0 ? keyNode(doc.getIn(path.slice(0, n - 1), true) as YamlNode | undefined, path[n - 1]) : undefined;
      const range = (key ?? node)?.range;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    return undefined;
  };
  const raw: unknown = doc.toJS();
  const parsed = specSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    throw new GantryError("SPEC_INVALID", describeIssue(issue.message, issue.code, path, raw), {
      where: { file, line: lineOf(path), field: path.join(".") || undefined },
      hint: hintFor(path),
    });
  }
  return { spec: parsed.data, file, lineOf, text };
}

/** The key node of `key` inside a YAML map, so errors point at the key's line. */
function keyNode(parent: YamlNode | undefined, key: string | number): YamlNode | undefined {
  if (!isMap(parent)) return isSeq(parent) ? (parent.items[key as number] as YamlNode | undefined) : undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair?.key as YamlNode | undefined;
}

function describeIssue(message: string, code: string, path: readonly (string | number)[], raw: unknown): string {
  if (code === "unrecognized_keys") return message.replace("Unrecognized key", "unknown field");
  if (path.length === 0 && (typeof raw !== "object" || raw === null)) return "a spec must be a mapping with name and nodes";
  return message;
}

function hintFor(path: readonly (string | number)[]): string {
  if (path[0] === "nodes" && path.length >= 3) return "a node has use, params, with and (for observers) every";
  if (path[0] === "sinks") return "sinks are checkpoint: { every, keep }, samples: { every, n }, log: {}, report: {}";
  return "a spec has name, seed, backend, plugins, nodes and sinks (see examples/)";
}
