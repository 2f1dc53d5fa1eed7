// `gantry eval <run-dir> --metric fid,mode-coverage`: evaluates metrics at the newest checkpoint.
// A name is a metric node of the spec, or a registered metric wired automatically: its sampler port
// to the trained generator, dataset to the training data, featureExtractor to the spec's extractor.
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { GantryError, Rng, parsePort, type Metric, type MetricResult } from "@gantry/core";
import { restoreRun, type Restored } from "./restore.js";

function autoWire(run: Restored, name: string): Metric {
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
      else if (kind === "featureExtractor" && run.registry.has("featureExtractor", "domain-classifier")) inputs[port] = run.registry.create("featureExtractor", "domain-classifier", {});
    }
  }
  return run.registry.create("metric", name, {}, inputs);
}

export async function evalCommand(path: string, options: { metric: string; backend?: string }): Promise<string> {
  const names = options.metric.split(",").map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new GantryError("CLI_NO_METRIC", "no metric named", { hint: "e.g. --metric fid,mode-coverage (see `gantry list metric`)" });
  const run = await restoreRun(path, options.backend);
  const lines: string[] = [];
  try {
    for (const name of names) {
      const node = run.graph.nodes.get(name);
      const metric = node?.kind === "metric" ? (run.values.get(name) as Metric) : autoWire(run, name);
      const seed = run.loaded.spec.seed ?? 0;
      const result: MetricResult = await metric.evaluate({ step: run.step, rng: Rng.seeded(seed).split(`eval/${name}`) });
      appendFileSync(join(run.dir.path, "eval.jsonl"), JSON.stringify({ time: new Date().toISOString(), step: run.step, metric: name, ...result, images: undefined }) + "\n");
      lines.push(`${name} @ step ${run.step}: ${Object.entries(result.values).map(([k, v]) => `${k}=${v}`).join(" ")}${result.details ? `  ${JSON.stringify(result.details)}` : ""}`);
    }
  } finally {
    run.method.dispose();
  }
  return lines.join("\n");
}
