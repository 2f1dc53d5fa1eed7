// Narrowing of the values a metric entry receives on its ports (sampler, dataset, featureExtractor):
// the registry hands over `unknown`s; a wrong or missing one is a GantryError naming the port.
import { GantryError, type Dataset, type FeatureExtractor, type PortValues, type Sampler } from "@gantry/core";
import { extractorSpace, rawSpace, type FeatureSpace } from "./feature-stream.js";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

function badPort(metric: string, port: string, kind: string): GantryError {
  return new GantryError("METRIC_BAD_PORT", `metric/${metric}: port "${port}" needs a ${kind}`, {
    where: { field: `with.${port}` }, hint: `bind ${port} to a node that provides a ${kind}`,
  });
}

export function samplerPort(metric: string, inputs: PortValues, port = "generator"): Sampler {
  const v = inputs[port];
  if (isObject(v) && typeof v.sample === "function" && Array.isArray(v.sampleShape)) return v as unknown as Sampler;
  throw badPort(metric, port, "sampler (a trained generator: sample(n, seed))");
}

export function datasetPort(metric: string, inputs: PortValues, port = "data"): Dataset {
  const v = inputs[port];
  if (isObject(v) && typeof v.stream === "function" && isObject(v.info)) return v as unknown as Dataset;
  throw badPort(metric, port, "dataset");
}

export function extractorPort(metric: string, inputs: PortValues, port = "extractor"): FeatureExtractor | undefined {
  const v = inputs[port];
  if (v === undefined) return undefined;
  if (isObject(v) && typeof v.features === "function" && typeof v.name === "string") return v as unknown as FeatureExtractor;
  throw badPort(metric, port, "featureExtractor");
}

/** The extractor's features when bound, else the raw samples (named "raw" in every report). */
export function featureSpace(extractor: FeatureExtractor | undefined): FeatureSpace {
  return extractor ? extractorSpace(extractor) : rawSpace;
}
