// A run's spec: the base spec's YAML with the run's overrides, seed and name set in place (comments and
// layout kept, so runs-dir/<sweep>/<run>/spec.yaml reads like the base). A path must lead through
// existing mappings (or lists, by index) to its last key, so a typo is an error naming the sweep file's
// line, not a new node. It does not validate the spec against the registry (plan-sweep.ts does).
import { GantryError, didYouMean } from "@gantry/core";
import { isMap, isSeq, parseDocument, type Document } from "yaml";
import type { PlannedRun } from "./expand-sweep.js";
import type { SweepFile } from "./sweep-file.js";

/** The spec name of a run: `<sweep>.<run id>` (a valid folder name, like the spec's own). */
export const runSpecName = (sweep: string, id: string): string => `${sweep}.${id}`;

export function runSpecText(sweep: SweepFile, run: PlannedRun, baseText: string): string {
  const baseFile = sweep.bases[run.setting.base];
  const doc = parseDocument(baseText, { uniqueKeys: true });
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    throw new GantryError("SWEEP_BAD_BASE", `base spec is not a YAML mapping${doc.errors[0] ? `: ${doc.errors[0].message.split("\n")[0]}` : ""}`, {
      where: { file: baseFile }, hint: "check it with `gantry validate`",
    });
  }
  for (const [path, value] of Object.entries(run.setting.overrides)) doc.setIn(resolvePath(doc, path, sweep, baseFile), value);
  doc.set("seed", run.seed);
  doc.set("name", runSpecName(sweep.name, run.id));
  return doc.toString({ lineWidth: 0 });
}

/** The path as keys and list indices, after checking that everything but its last key exists. */
function resolvePath(doc: Document, path: string, sweep: SweepFile, baseFile: string): (string | number)[] {
  const parts = path.split(".");
  const keys: (string | number)[] = [];
  let node: unknown = doc.contents;
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    if (isSeq(node) && /^\d+$/.test(part) && Number(part) <= node.items.length - (last ? 0 : 1)) {
      keys.push(Number(part));
    } else if (isMap(node) && (last || node.has(part))) {
      keys.push(part);
    } else {
      throw badPath(sweep, path, parts.slice(0, i).join("."), part, node, baseFile);
    }
    node = last ? undefined : (node as { get(k: unknown, keepScalar: true): unknown }).get(keys[i], true);
  }
  return keys;
}

function badPath(sweep: SweepFile, path: string, at: string, part: string, node: unknown, baseFile: string): GantryError {
  const known = isMap(node) ? node.items.map((p) => String((p.key as { value?: unknown })?.value ?? p.key)) : [];
  const guess = didYouMean(part, known);
  const where = at ? `"${at}"` : "the top level";
  const what = isMap(node) ? `has no "${part}"` : isSeq(node) ? `is a list; "${part}" is not an index into it` : "is not a mapping";
  const fieldPath = path in sweep.grid ? ["grid", path] : ["random", "params", path];
  return new GantryError("SWEEP_BAD_PATH", `"${path}": ${where} of ${baseFile} ${what}${guess ? `; did you mean "${guess}"?` : ""}`, {
    where: { file: sweep.file, line: sweep.lineOf(fieldPath), field: fieldPath.join(".") },
    hint: known.length ? `fields there: ${known.join(", ")}` : "address a field of the base spec, e.g. nodes.train.params.steps",
  });
}
