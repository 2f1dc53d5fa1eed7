// The guard's rollback cut: a copy of the validated graph in which every optimizer node's `lr` (a
// number or a Schedule; every variant is linear in its values) is multiplied by a factor, so creating
// the graph again gives optimizers that step shorter. An optimizer a method builds itself (an optional
// port left unbound) is not in the graph: it is reported, not scaled.
import type { Schedule } from "@gantry/core";
import type { GraphNode, ValidatedGraph } from "./validate-spec.js";

/** `s` times `factor` at every step: scheduleValue(scaleSchedule(s, k), t) = k · scheduleValue(s, t). */
export function scaleSchedule(s: Schedule, factor: number): Schedule {
  if (typeof s === "number") return s * factor;
  if ("constant" in s) return { constant: s.constant * factor };
  if ("linear" in s) return { linear: { ...s.linear, from: s.linear.from * factor, to: s.linear.to * factor } };
  if ("exponential" in s) {
    const { min, ...rest } = s.exponential;
    return { exponential: { ...rest, from: rest.from * factor, ...(min !== undefined ? { min: min * factor } : {}) } };
  }
  if ("geometric" in s) return { geometric: { ...s.geometric, from: s.geometric.from * factor, to: s.geometric.to * factor } };
  const { to, ...rest } = s.cosine;
  return { cosine: { ...rest, from: rest.from * factor, ...(to !== undefined ? { to: to * factor } : {}) } };
}

export interface ScaledGraph {
  readonly graph: ValidatedGraph;
  /** Ids of the optimizer nodes whose `lr` was scaled. */
  readonly scaled: readonly string[];
  /** Optimizers left as they were, with why: "train.with.gOptimizer (unbound: the method's default)". */
  readonly unscaled: readonly string[];
}

const hasLr = (params: unknown): params is { readonly lr: Schedule } =>
  typeof params === "object" && params !== null && "lr" in params && (params as { lr: unknown }).lr !== undefined;

/** The graph with every optimizer node's learning rate times `factor`. */
export function scaleLearningRates(graph: ValidatedGraph, factor: number): ScaledGraph {
  const nodes = new Map<string, GraphNode>();
  const scaled: string[] = [];
  const unscaled: string[] = [];
  for (const [id, node] of graph.nodes) {
    for (const [port, spec] of Object.entries(node.ports)) {
      if (spec.kind === "optimizer" && !(port in node.inputs)) unscaled.push(`${id}.with.${port} (unbound: the ${node.kind}'s default)`);
    }
    if (node.kind !== "optimizer") {
      nodes.set(id, node);
    } else if (hasLr(node.params)) {
      nodes.set(id, { ...node, params: { ...node.params, lr: scaleSchedule(node.params.lr, factor) } });
      scaled.push(id);
    } else {
      nodes.set(id, node);
      unscaled.push(`${id} (${node.kind}/${node.name} has no lr param)`);
    }
  }
  return { graph: { ...graph, nodes }, scaled, unscaled };
}
