// Shared first half of run/resume/validate/sample/eval: load the spec, assemble the registry with
// the spec's plugins, validate the graph. Everything here happens before any tensor exists.
import { loadSpecFile, validateSpec, type LoadedSpec, type ValidatedGraph } from "@gantry/pipeline";
import type { Registry } from "@gantry/core";
import { catalog, defaultRegistry } from "../default-registry.js";

export interface Prepared {
  readonly loaded: LoadedSpec;
  readonly registry: Registry;
  readonly graph: ValidatedGraph;
}

export async function prepare(specFile: string, backendOverride?: string): Promise<Prepared> {
  let loaded = loadSpecFile(specFile);
  if (backendOverride) {
    const backend = backendOverride.split(",").map((s) => s.trim()).filter(Boolean);
    loaded = { ...loaded, spec: { ...loaded.spec, backend } };
  }
  const registry = await defaultRegistry(loaded.spec.plugins ?? [], specFile);
  const graph = validateSpec(loaded, registry, { catalog });
  return { loaded, registry, graph };
}
