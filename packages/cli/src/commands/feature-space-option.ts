// `--extractor` / `--model` of `gantry fid` and `gantry stats`: the feature space samples are mapped to,
// chosen as the fid metric node's `extractor` port is (raw samples, inception-v3 from a model folder, or
// any registered featureExtractor). It does not load weights from the network: `--model` is a local folder.
import { GantryError, didYouMean, useBackend, type Registry } from "@gantry/core";
import { extractorSpace, rawSpace, type FeatureSpace } from "@gantry/metrics";
import { DEFAULT_BACKENDS } from "@gantry/pipeline";

export interface ExtractorOptions {
  /** "raw", "inception-v3" or a registered featureExtractor; default inception-v3 with --model, else raw. */
  readonly extractor?: string;
  /** inception-v3: folder holding a TF.js graph model (model.json + shards). */
  readonly model?: string;
  /** inception-v3: the graph node giving the pool features (default: the model's first output). */
  readonly featuresNode?: string;
}

/** The extractor's name without creating it, for input checks before any backend starts. */
export function extractorName(o: ExtractorOptions): string {
  return o.extractor ?? (o.model === undefined ? "raw" : "inception-v3");
}

/** Checks the flags against the registry; throws a GantryError naming the flag. */
export function checkExtractorOptions(registry: Registry, o: ExtractorOptions): void {
  const name = extractorName(o);
  const known = ["raw", ...registry.list("featureExtractor").map((e) => e.name)];
  if (!known.includes(name)) {
    const guess = didYouMean(name, known);
    throw new GantryError("CLI_UNKNOWN_EXTRACTOR", `${name}: no such feature extractor${guess ? `; did you mean "${guess}"?` : ""}`, {
      where: { field: "--extractor" }, hint: `choose one of: ${known.join(", ")}`,
    });
  }
  if (name === "inception-v3" && o.model === undefined) {
    throw new GantryError("CLI_NEEDS_MODEL", "--extractor inception-v3 needs --model <folder> (a TF.js graph model: model.json + weight shards)", {
      where: { field: "--model" }, hint: "convert pytorch-fid's Inception weights as the @gantry/metrics README shows, or use --extractor raw",
    });
  }
  if (name === "raw" && o.model !== undefined) {
    throw new GantryError("CLI_MODEL_UNUSED", `${o.model} is given but --extractor is raw`, {
      where: { field: "--model" }, hint: "drop --model, or pass --extractor inception-v3",
    });
  }
}

/** The feature space (call after the backend is set up: an extractor's weights are tensors). */
export function featureSpaceOption(registry: Registry, o: ExtractorOptions): FeatureSpace {
  checkExtractorOptions(registry, o);
  const name = extractorName(o);
  if (name === "raw") return rawSpace;
  const params = name === "inception-v3" ? { path: o.model, ...(o.featuresNode ? { featuresNode: o.featuresNode } : {}) } : {};
  return extractorSpace(registry.create("featureExtractor", name, params, {}, { where: { field: "--extractor" } }));
}

/** Only a name, for comparing saved statistics when no sample needs features (no backend, no weights). */
export const namedSpace = (name: string): FeatureSpace => ({
  name,
  features: () => {
    throw new GantryError("CLI_NO_FEATURES", `the "${name}" space was not set up`, { hint: "this is a bug in the gantry CLI" });
  },
});

/** The default backends for raw features (any --extractor other than raw gets the full default list). */
const RAW_BACKENDS: readonly string[] = ["wasm", "cpu"];

/**
 * The backend (first that sets up of `backend`, comma-separated, or the default list) and the feature
 * space, when some source has samples to map; otherwise just the extractor's name.
 */
export async function setUpFeatureSpace(registry: Registry, o: ExtractorOptions, needed: boolean, backend: string | undefined): Promise<FeatureSpace> {
  checkExtractorOptions(registry, o);
  if (!needed) return namedSpace(extractorName(o));
  // Raw features are a reshape: no GPU to gain, and probing webgpu without one only prints Dawn's warnings.
  const defaults = extractorName(o) === "raw" ? RAW_BACKENDS : DEFAULT_BACKENDS;
  const names = backend === undefined ? defaults : backend.split(",").map((s) => s.trim()).filter(Boolean);
  await useBackend(registry, names, { log: () => {} });
  return featureSpaceOption(registry, o);
}
