// Turns a validated graph into live values, dependencies first: each node is created through the
// registry with its parsed params and the values bound to its ports. A sampler port bound to the
// generator network (or the method) receives the method's sampler: the *current trained* generator.
import { GantryError, type Method, type Registry } from "@gantry/core";
import type { LoadedSpec } from "./load-spec.js";
import type { ValidatedGraph } from "./validate-spec.js";

export function instantiateGraph(graph: ValidatedGraph, registry: Registry, loaded: LoadedSpec): Map<string, unknown> {
  const values = new Map<string, unknown>();
  const samplerOf = (): unknown => {
    const method = values.get(graph.trainingNode) as Method | undefined;
    if (!method) throw new GantryError("PIPELINE_ORDER", "an observer was created before the training node", { hint: "this is a bug in @gantry/pipeline" });
    return method.sampler();
  };
  for (const id of graph.order) {
    const node = graph.nodes.get(id)!;
    const inputs: Record<string, unknown> = {};
    for (const [port, bound] of Object.entries(node.inputs)) {
      const resolve = (ref: string): unknown =>
        node.ports[port]?.kind === "sampler" && graph.nodes.get(ref)?.kind !== "sampler" ? samplerOf() : values.get(ref);
      inputs[port] = Array.isArray(bound) ? bound.map(resolve) : resolve(bound as string);
    }
    const where = { file: loaded.file, line: loaded.lineOf(node.path), node: id.split(".")[0] };
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
