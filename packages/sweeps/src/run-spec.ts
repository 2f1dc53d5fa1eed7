// A run's spec: the base spec's YAML with the run's overrides, seed and name set in place (comments and
// layout kept, so runs-dir/<sweep>/<run>/spec.yaml reads like the base). A path must lead through
// existing mappings (or lists, by index) to its last key, so a typo is an error naming the sweep file's
// line, not a new node. It does not validate the spec against the registry (plan-sweep.ts does).
import { GantryError, didYouMean } from "@gantry/core";
import { resolveYamlPath, type YamlPathProblem } from "@gantry/pipeline";
import { isMap, parseDocument, type Document } from "yaml";
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
  const r = resolveYamlPath(doc, path.split("."));
  if ("path" in r) return r.path;
  return badPath(sweep, path, r.problem, baseFile);
}

function badPath(sweep: SweepFile, path: string, p: YamlPathProblem, baseFile: string): never {
  const known = p.kind === "missingKey" ? p.keys : [];
  const guess = didYouMean(p.segment, known);
  const where = p.at.length ? `"${p.at.join(".")}"` : "the top level";
  const what = p.kind === "missingKey" ? `has no "${p.segment}"` : p.kind === "badIndex" ? `is a list; "${p.segment}" is not an index into it` : "is not a mapping";
  const fieldPath = path in sweep.grid ? ["grid", path] : ["random", "params", path];
  throw new GantryError("SWEEP_BAD_PATH", `"${path}": ${where} of ${baseFile} ${what}${guess ? `; did you mean "${guess}"?` : ""}`, {
    where: { file: sweep.file, line: sweep.lineOf(fieldPath), field: fieldPath.join(".") },
    hint: known.length ? `fields there: ${known.join(", ")}` : "address a field of the base spec, e.g. nodes.train.params.steps",
  });
}
