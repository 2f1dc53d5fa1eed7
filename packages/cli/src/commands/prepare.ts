// Shared first half of run/resume/validate/sample/eval: load the spec, assemble the registry with
// the spec's plugins, validate the graph (backend names included). Everything here happens before
// any tensor exists and before a run folder is created, so bad input exits 2 leaving nothing behind.
import { didYouMean, type Registry } from "@gantry/core";
import {
  applySpecOverrides, blameOverrides, loadSpecFile, readSpecFile, validateSpec, type LoadedSpec, type SpecOverride, type ValidatedGraph,
} from "@gantry/pipeline";
import { catalog, defaultRegistry } from "../default-registry.js";
import { CliFailure, ExitCode } from "../exit-codes.js";

export interface Prepared {
  readonly loaded: LoadedSpec;
  readonly registry: Registry;
  readonly graph: ValidatedGraph;
}

/** `overrides` (`--set`, `--seed`) are applied before any check; `loaded.text` is then the spec as run. */
export async function prepare(specFile: string, backendOverride?: string, overrides: readonly SpecOverride[] = []): Promise<Prepared> {
  let loaded: LoadedSpec = overrides.length > 0 ? applySpecOverrides(readSpecFile(specFile), overrides, specFile) : loadSpecFile(specFile);
  const registry = await defaultRegistry(loaded.spec.plugins ?? [], specFile);
  if (backendOverride !== undefined) {
    // `--backend` without a value reaches here as `true` from the argument parser: no names given.
    const backend = typeof backendOverride === "string" ? backendOverride.split(",").map((s) => s.trim()).filter(Boolean) : [];
    checkBackendFlag(backend, registry);
    loaded = { ...loaded, spec: { ...loaded.spec, backend } };
  }
  let graph: ValidatedGraph;
  try {
    graph = validateSpec(loaded, registry, { catalog });
  } catch (e) {
    throw blameOverrides(e, overrides);
  }
  return { loaded, registry, graph };
}

/** `--backend a,b` names registered backends (the spec's own list is checked by validateSpec, by line). */
function checkBackendFlag(names: readonly string[], registry: Registry): void {
  const known = registry.list("backend").map((e) => e.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (names.length > 0 && unknown.length === 0) return;
  const guess = unknown.length === 1 ? didYouMean(unknown[0], known) : undefined;
  const what = names.length === 0 ? "no backend given" : `no backend named ${unknown.map((n) => `"${n}"`).join(", ")}${guess ? `; did you mean "${guess}"?` : ""}`;
  throw new CliFailure(ExitCode.invalidInput, `--backend: ${what}\n  hint: registered backends: ${known.join(", ")}`);
}
