// Builds the live trainer from the exported spec object (spec.ts) through a registry of the
// browser-safe plugins, as `gantry run` instantiates it (pipeline's instantiateGraph): dependencies
// first, inline `with` nodes created in place, the spec's seed given to the method. Metric nodes are
// left to the page, which calls modeCoverage itself every N steps.
import {
  GantryError, coreOptimizersPlugin, createRegistry, type Dataset, type Method, type MixtureInfo, type Registry,
} from "@gantry/core";
import { dataPlugin } from "@gantry/data";
import { lossesPlugin } from "@gantry/losses";
import { modelsPlugin } from "@gantry/models";
import { regularizersPlugin } from "@gantry/regularizers";
import { unrolledOptimizerPlugin } from "@gantry/unrolled-optimizer";
import type { PlaygroundSpec, SpecNode } from "./spec.js";

export interface LiveRun {
  readonly trainer: Method;
  readonly data: Dataset;
  readonly mixture: MixtureInfo;
}

function browserRegistry(): Registry {
  return createRegistry().use(coreOptimizersPlugin).use(dataPlugin).use(lossesPlugin).use(regularizersPlugin)
    .use(unrolledOptimizerPlugin).use(modelsPlugin);
}

function kindAndName(use: string): [string, string] {
  const slash = use.indexOf("/");
  return [use.slice(0, slash), use.slice(slash + 1)];
}

function create(registry: Registry, values: Map<string, unknown>, id: string, node: SpecNode, seed: number): unknown {
  const [kind, name] = kindAndName(node.use);
  const inputs: Record<string, unknown> = {};
  for (const [port, bound] of Object.entries(node.with ?? {})) {
    if (typeof bound === "string") inputs[port] = values.get(bound);
    else if (Array.isArray(bound)) inputs[port] = bound.map((ref: string) => values.get(ref));
    else inputs[port] = create(registry, values, `${id}.${port}`, bound as SpecNode, seed);
  }
  // As the CLI does: a method without its own seed gets the spec's.
  const params = kind === "method" ? { seed, ...node.params } : node.params;
  return registry.create(kind, name, params, inputs, { node: id });
}

/** The spec's trainer, its dataset and the dataset's mixture (for mode coverage); the caller disposes the trainer. */
export function buildTrainer(spec: PlaygroundSpec): LiveRun {
  const registry = browserRegistry();
  const values = new Map<string, unknown>();
  for (const [id, node] of Object.entries(spec.nodes)) {
    if (node.use.startsWith("metric/")) continue;
    values.set(id, create(registry, values, id, node, spec.seed));
  }
  const data = values.get("data") as Dataset;
  const mixture = data.info.mixture;
  if (!mixture) {
    throw new GantryError("PLAYGROUND_NO_MIXTURE", "the playground's dataset has no mixture centres", { hint: "use dataset/ring or dataset/grid" });
  }
  return { trainer: values.get("train") as Method, data, mixture };
}
