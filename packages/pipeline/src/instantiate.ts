// Turns a validated graph into live values, dependencies first: each node is created through the
// registry with its parsed params and the values bound to its ports. A sampler port bound to
// `train.sampler[.<name>]` receives that method's named sampler (ADR 0008): the current trained generator(s).
import { GantryError, type ErrorLocation, type Method, type Registry } from "@gantry/core";
import type { LoadedSpec } from "./load-spec.js";
import type { SamplerRef, ValidatedGraph } from "./validate-spec.js";

/** The method's named sampler; an unknown name lists the ones it has. */
function samplerOf(method: Method, ref: SamplerRef, where: ErrorLocation): unknown {
  if (ref.name !== undefined && !(method.samplerNames ?? []).includes(ref.name)) {
    const names = [`${ref.method}.sampler`, ...(method.samplerNames ?? []).map((n) => `${ref.method}.sampler.${n}`)];
    throw new GantryError("SPEC_UNKNOWN_SAMPLER", `the method "${ref.method}" has no sampler "${ref.name}"`, {
      where, hint: `its samplers: ${names.join(", ")}`,
    });
  }
  return method.sampler(ref.name);
}

export function instantiateGraph(graph: ValidatedGraph, registry: Registry, loaded: LoadedSpec): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const id of graph.order) {
    const node = graph.nodes.get(id)!;
    const where = { file: loaded.file, line: loaded.lineOf(node.path), node: id.split(".")[0] };
    const inputs: Record<string, unknown> = {};
    for (const [port, bound] of Object.entries(node.inputs)) {
      inputs[port] = Array.isArray(bound) ? bound.map((ref) => values.get(ref)) : values.get(bound as string);
    }
    for (const [port, ref] of Object.entries(node.samplers)) inputs[port] = samplerOf(values.get(ref.method) as Method, ref, { ...where, field: `with.${port}` });
    try {
      values.set(id, registry.create(node.kind, node.name, node.params, inputs, { where, node: id }));
    } catch (e) {
      if (e instanceof GantryError) throw e;
      throw new GantryError("NODE_CREATE_FAILED", `creating ${node.kind}/${node.name} failed: ${(e as Error).message}`, {
        where, hint: "check the node's params; if they look right, report this to the plugin's authors", cause: e,
      });
    }
  }
  return values;
}
