// The browser-safe metrics plugin: one metric entry per evaluation (FID without saved statistics files).
// node-plugin.ts (@gantry/metrics/node) adds FID's statistics files and the `inception-v3` extractor.
// Ports: generator (a Sampler), data (the reference dataset), extractor (optional: raw samples otherwise).
import { definePlugin, entry, z, type PortValues } from "@gantry/core";
import pkg from "../package.json" with { type: "json" };
import { densityCoverageMetric, densityCoverageSchema } from "./density-coverage-metric.js";
import { fidMetric, fidSchema } from "./fid-metric.js";
import { inceptionScoreMetric, inceptionScoreSchema } from "./inception-score-metric.js";
import { kidMetric, kidSchema } from "./kid-metric.js";
import { datasetPort, extractorPort, samplerPort } from "./metric-ports.js";
import { modeCoverageMetric, modeCoverageSchema } from "./mode-coverage-metric.js";
import { nearestNeighboursMetric, nearestNeighboursSchema } from "./nearest-neighbours-metric.js";
import { precisionRecallMetric, precisionRecallSchema } from "./precision-recall-metric.js";
import type { StatisticsStore } from "./statistics-file.js";

const setPorts = { generator: "sampler", data: "dataset", extractor: "featureExtractor?" } as const;
const setInputs = (metric: string, i: PortValues) => ({
  generator: samplerPort(metric, i), data: datasetPort(metric, i), extractor: extractorPort(metric, i),
});

export const inceptionV3Schema = z.object({
  path: z.string().min(1),
  featuresNode: z.string().optional(),
  logitsNode: z.string().optional(),
  inputSize: z.number().int().positive().default(299),
});

/** The metric entries; `store` keeps FID's `statistics` (none: that param is an error). */
export function metricEntries(store?: StatisticsStore) {
  return [
    entry({
      kind: "metric", name: "fid", description: "Fréchet Inception Distance against the data's (saved) statistics",
      params: fidSchema, inputs: { generator: "sampler", data: "dataset?", extractor: "featureExtractor?" },
      create: (p, i) => fidMetric(p, {
        generator: samplerPort("fid", i), data: i.data === undefined ? undefined : datasetPort("fid", i), extractor: extractorPort("fid", i),
      }, store),
    }),
    entry({
      kind: "metric", name: "inception-score", description: "Inception Score over splits, from the extractor's logits",
      params: inceptionScoreSchema, inputs: { generator: "sampler", extractor: "featureExtractor?" },
      create: (p, i) => inceptionScoreMetric(p, { generator: samplerPort("inception-score", i), extractor: extractorPort("inception-score", i) }),
    }),
    entry({
      kind: "metric", name: "kid", description: "Kernel Inception Distance (unbiased MMD², cubic kernel, subsets)",
      params: kidSchema, inputs: setPorts, create: (p, i) => kidMetric(p, setInputs("kid", i)),
    }),
    entry({
      kind: "metric", name: "precision-recall", description: "Improved precision and recall (Kynkäänniemi et al. 2019)",
      params: precisionRecallSchema, inputs: setPorts, create: (p, i) => precisionRecallMetric(p, setInputs("precision-recall", i)),
    }),
    entry({
      kind: "metric", name: "density-coverage", description: "Density and coverage (Naeem et al. 2020)",
      params: densityCoverageSchema, inputs: setPorts, create: (p, i) => densityCoverageMetric(p, setInputs("density-coverage", i)),
    }),
    entry({
      kind: "metric", name: "nearest-neighbours", description: "Nearest generated images of real ones and nearest training images of generated ones, as PNG grids",
      params: nearestNeighboursSchema, inputs: setPorts, create: (p, i) => nearestNeighboursMetric(p, setInputs("nearest-neighbours", i)),
    }),
    entry({
      kind: "metric", name: "mode-coverage", description: "Modes captured, high-quality share and KL to uniform on synthetic mixtures",
      params: modeCoverageSchema, inputs: { generator: "sampler", data: "dataset" },
      create: (p, i) => modeCoverageMetric(p, { generator: samplerPort("mode-coverage", i), data: datasetPort("mode-coverage", i) }),
    }),
  ] as const;
}

/** Every metric, with FID's statistics kept in memory only; in Node use @gantry/metrics/node's metricsPlugin. */
export const metricsPlugin = definePlugin({ name: "@gantry/metrics", version: pkg.version, provides: metricEntries() });
