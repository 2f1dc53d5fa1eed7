// The `inception-v3` feature extractor: a TF.js graph or layers model built from its artifacts (model.json
// + weights, however they were read: tf.io.http in a page, inception-v3-files.ts from a folder in Node;
// see the README for converting pytorch-fid's weights so FIDs match the published ones). Inputs in
// [−1, 1] are tiled to 3 channels and bilinearly resized to 299 × 299.
import { GantryError, tf, type FeatureExtractor } from "@gantry/core";
import { loadGraphModelSync, type GraphModel } from "@tensorflow/tfjs-converter";
import { loadLayersModel, type LayersModel } from "@tensorflow/tfjs-layers";

export interface InceptionV3Options {
  /** Graph models: the node giving pool features [N, (1, 1,) D] (pytorch-fid: pool3, 2048-d). */
  readonly featuresNode?: string;
  /** Graph models: the node giving class logits, if any (for the Inception Score). */
  readonly logitsNode?: string;
  /** Layers models: which output holds the features (default 0) and which the logits. */
  readonly featuresOutput?: number;
  readonly logitsOutput?: number;
  /** Side of the square input the network expects (299 for Inception-v3). */
  readonly inputSize?: number;
  /** Name recorded with every metric value. */
  readonly name?: string;
}

type Run = (x: tf.Tensor4D) => { features: tf.Tensor; logits?: tf.Tensor };

/**
 * The extractor from a graph or layers model's artifacts, e.g. `await tf.io.http(url).load()` in a page
 * (in Node, @gantry/metrics/node's loadInceptionV3({ path }) reads a folder or URL).
 */
export async function inceptionV3FromArtifacts(artifacts: tf.io.ModelArtifacts, options: InceptionV3Options = {}): Promise<FeatureExtractor> {
  const run = isGraphModel(artifacts)
    ? graphRunner(loadGraphModelSync(artifacts), options)
    : layersRunner(await loadLayersModel(tf.io.fromMemory(artifacts)), options);
  return extractor(run, options);
}

/**
 * Synchronously, for registry entries (whose create is synchronous): graph models only
 * (tensorflowjs_converter's output for a SavedModel), since tfjs-layers loads asynchronously.
 * `source` names the model in the error.
 */
export function inceptionV3FromGraphArtifacts(artifacts: tf.io.ModelArtifacts, options: InceptionV3Options, source: string): FeatureExtractor {
  if (!isGraphModel(artifacts)) {
    throw new GantryError("EXTRACTOR_NEEDS_GRAPH_MODEL", `${source} holds a layers model; featureExtractor/inception-v3 loads graph models`, {
      hint: "convert to a graph model (tensorflowjs_converter --output_format=tfjs_graph_model) or load it in code with await loadInceptionV3({ path })",
    });
  }
  return extractor(graphRunner(loadGraphModelSync(artifacts), options), options);
}

function isGraphModel(artifacts: tf.io.ModelArtifacts): boolean {
  const topology = artifacts.modelTopology;
  return artifacts.format === "graph-model" || (typeof topology === "object" && topology !== null && "node" in topology);
}

function graphRunner(model: GraphModel<tf.io.IOHandlerSync>, o: InceptionV3Options): Run {
  const names = [o.featuresNode ?? model.outputs[0].name, ...(o.logitsNode ? [o.logitsNode] : [])];
  return (x) => {
    const out = model.execute(x, names);
    const [features, logits] = Array.isArray(out) ? out : [out];
    return { features, logits };
  };
}

function layersRunner(model: LayersModel, o: InceptionV3Options): Run {
  return (x) => {
    const out = model.predict(x);
    const list = Array.isArray(out) ? out : [out];
    return { features: list[o.featuresOutput ?? 0], logits: o.logitsOutput === undefined ? undefined : list[o.logitsOutput] };
  };
}

function extractor(run: Run, o: InceptionV3Options): FeatureExtractor {
  const size = o.inputSize ?? 299;
  const prepare = (x: tf.Tensor): tf.Tensor4D => {
    if (x.rank !== 4 || !(x.shape[3] === 1 || x.shape[3] === 3)) {
      throw new GantryError("EXTRACTOR_BAD_INPUT", `inception-v3 needs images [N, H, W, 1|3], got [${x.shape.join(", ")}]`, {
        hint: "feature extractors read image samples in [−1, 1]",
      });
    }
    const rgb = x.shape[3] === 1 ? tf.tile(x as tf.Tensor4D, [1, 1, 1, 3]) : (x as tf.Tensor4D);
    // halfPixelCenters matches PyTorch's F.interpolate(mode="bilinear", align_corners=False), which pytorch-fid uses.
    return rgb.shape[1] === size && rgb.shape[2] === size ? rgb : tf.image.resizeBilinear(rgb, [size, size], false, true);
  };
  const flat = (t: tf.Tensor): tf.Tensor2D => tf.reshape(t, [t.shape[0], -1]) as tf.Tensor2D;
  const probe = tf.tidy(() => {
    const { features, logits } = run(tf.zeros([1, size, size, 3]));
    return { featureDim: features.size, numClasses: logits?.size };
  });
  const base: FeatureExtractor = {
    name: o.name ?? "inception-v3", inputShape: [size, size, 3], featureDim: probe.featureDim,
    features: (x) => tf.tidy(() => flat(run(prepare(x)).features)),
  };
  if (probe.numClasses === undefined) return base;
  return { ...base, numClasses: probe.numClasses, logits: (x) => tf.tidy(() => flat(run(prepare(x)).logits as tf.Tensor)) };
}
