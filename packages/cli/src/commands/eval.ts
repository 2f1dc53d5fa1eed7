// `gantry eval <run-dir> --metric fid,mode-coverage [--param key=value]... [--json]`: evaluates metrics
// at the newest checkpoint. A name is a metric node of the spec, or a registered metric wired automatically:
// its sampler port to the trained generator, dataset to the training data, featureExtractor to the spec's
// extractor. `--param` overrides apply to every named metric and are validated by its schema.
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { GantryError, Rng, parsePort, type Dataset, type Method, type Metric, type MetricResult } from "@gantry/core";
import { nativeLinearAlgebra } from "@gantry/backend-native";
import type { GraphNode } from "@gantry/pipeline";
import { applyParamOverrides, type ParamOverride } from "./metric-params.js";
import { restoreRun, type Restored } from "./restore.js";

export interface EvalOptions {
  readonly metric: string;
  readonly backend?: string;
  readonly params?: readonly ParamOverride[];
  readonly json?: boolean;
}

function autoWire(run: Restored, name: string, params: unknown): Metric {
  const entry = run.registry.get("metric", name).entry;
  const training = run.graph.nodes.get(run.graph.trainingNode)!;
  const inputs: Record<string, unknown> = {};
  for (const [port, spec] of Object.entries(entry.inputs ?? {})) {
    const { kind } = parsePort(spec);
    if (kind === "sampler") inputs[port] = run.method.sampler();
    else if (kind === "dataset" && typeof training.inputs.data === "string") inputs[port] = run.values.get(training.inputs.data);
    else {
      const node = [...run.graph.nodes.values()].find((n) => n.kind === kind);
      if (node) inputs[port] = run.values.get(node.id);
      // The domain classifier reads images; other samples (2-D mixtures) are compared raw.
      else if (kind === "featureExtractor" && trainsOnImages(run) && run.registry.has("featureExtractor", "domain-classifier")) {
        inputs[port] = run.registry.create("featureExtractor", "domain-classifier", {});
      }
    }
  }
  return run.registry.create("metric", name, params, inputs, { node: name, where: { node: name } });
}

function trainsOnImages(run: Restored): boolean {
  const data = run.graph.nodes.get(run.graph.trainingNode)!.inputs.data;
  const dataset = typeof data === "string" ? (run.values.get(data) as Dataset | undefined) : undefined;
  return dataset?.info.sampleShape.length === 3;
}

/** A spec metric node created again with overridden params and the values its ports were bound to. */
function recreate(run: Restored, node: GraphNode, params: unknown): Metric {
  const inputs: Record<string, unknown> = {};
  for (const [port, bound] of Object.entries(node.inputs)) inputs[port] = Array.isArray(bound) ? bound.map((id) => run.values.get(id)) : run.values.get(bound as string);
  for (const [port, ref] of Object.entries(node.samplers)) inputs[port] = (run.values.get(ref.method) as Method).sampler(ref.name);
  return run.registry.create("metric", node.name, params, inputs, { node: node.id, where: { node: node.id } });
}

function metricFor(run: Restored, name: string, overrides: readonly ParamOverride[]): Metric {
  const node = run.graph.nodes.get(name);
  if (node?.kind === "metric") {
    return overrides.length === 0 ? (run.values.get(name) as Metric) : recreate(run, node, applyParamOverrides(run.registry, node.name, node.params, overrides));
  }
  return autoWire(run, name, applyParamOverrides(run.registry, name, {}, overrides));
}

export async function evalCommand(path: string, options: EvalOptions): Promise<string> {
  const names = options.metric.split(",").map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new GantryError("CLI_NO_METRIC", "no metric named", { hint: "e.g. --metric fid,mode-coverage (see `gantry list metric`)" });
  const run = await restoreRun(path, options.backend);
  const results: Record<string, Omit<MetricResult, "images">> = {};
  try {
    // Every metric is created (and its params checked) before the first one runs.
    const metrics = names.map((name) => [name, metricFor(run, name, options.params ?? [])] as const);
    for (const [name, metric] of metrics) {
      const seed = run.loaded.spec.seed ?? 0;
      const result: MetricResult = await metric.evaluate({ step: run.step, rng: Rng.seeded(seed).split(`eval/${name}`), linearAlgebra: nativeLinearAlgebra() });
      appendFileSync(join(run.dir.path, "eval.jsonl"), JSON.stringify({ time: new Date().toISOString(), step: run.step, metric: name, ...result, images: undefined }) + "\n");
      results[name] = { values: result.values, ...(result.details ? { details: result.details } : {}) };
    }
  } finally {
    run.method.dispose();
  }
  if (options.json) return JSON.stringify({ run: run.dir.path, step: run.step, metrics: results });
  return Object.entries(results).map(([name, r]) =>
    `${name} @ step ${run.step}: ${Object.entries(r.values).map(([k, v]) => `${k}=${v}`).join(" ")}${r.details ? `  ${JSON.stringify(r.details)}` : ""}`).join("\n");
}
