// The `inception-v3` feature extractor read from a local folder, a model.json path or an http(s) URL
// with model-directory.ts. Node-only (@gantry/metrics/node); inception-v3.ts builds it from artifacts.
import type { FeatureExtractor } from "@gantry/core";
import { inceptionV3FromArtifacts, inceptionV3FromGraphArtifacts, type InceptionV3Options } from "./inception-v3.js";
import { readModelArtifacts, readModelArtifactsSync } from "./model-directory.js";

export interface InceptionV3FileOptions extends InceptionV3Options {
  /** Folder holding model.json and its weight shards, a model.json path, or an http(s) URL. */
  readonly path: string;
}

/** Loads a graph or layers model from a folder, model.json path or URL. */
export async function loadInceptionV3(options: InceptionV3FileOptions): Promise<FeatureExtractor> {
  return inceptionV3FromArtifacts(await readModelArtifacts(options.path), options);
}

/** Synchronous load of a graph model from a local folder, for the registry entry. */
export function inceptionV3Sync(options: InceptionV3FileOptions): FeatureExtractor {
  return inceptionV3FromGraphArtifacts(readModelArtifactsSync(options.path), options, options.path);
}
