// The `domain-classifier` feature extractor: a small Fashion-MNIST CNN (conv32-pool-conv64-pool-
// dense128-dense10, ReLU) trained by train_domain_classifier.py, whose PyTorch (NCHW) weights are
// committed as safetensors and transposed here to TF.js's NHWC layout. Penultimate layer = features.
// Built from the weights' bytes (browser-safe); load-domain-classifier.ts reads the file in Node.
import { GantryError, decodeSafetensors, tf, type FeatureExtractor, type RawTensor } from "@gantry/core";

export interface DomainClassifier extends FeatureExtractor {
  readonly numClasses: number;
  logits(x: tf.Tensor): tf.Tensor2D;
  /** Releases the weight tensors. */
  dispose(): void;
}

type Weights = {
  readonly conv1: tf.Tensor4D;
  readonly conv1Bias: tf.Tensor1D;
  readonly conv2: tf.Tensor4D;
  readonly conv2Bias: tf.Tensor1D;
  readonly dense1: tf.Tensor2D;
  readonly dense1Bias: tf.Tensor1D;
  readonly dense2: tf.Tensor2D;
  readonly dense2Bias: tf.Tensor1D;
};

const SHAPES: Readonly<Record<string, readonly number[]>> = {
  "conv1/weight": [32, 1, 3, 3], "conv1/bias": [32], "conv2/weight": [64, 32, 3, 3], "conv2/bias": [64],
  "dense1/weight": [128, 64 * 7 * 7], "dense1/bias": [128], "dense2/weight": [10, 128], "dense2/bias": [10],
};

function raw(tensors: Record<string, RawTensor>, name: string, source: string): tf.Tensor {
  const t = tensors[name];
  if (!t || t.dtype !== "F32" || t.shape.join() !== SHAPES[name].join()) {
    throw new GantryError("DOMAIN_CLASSIFIER_BAD_WEIGHTS", `${name} must be F32 [${SHAPES[name].join(", ")}]`, {
      where: { file: source }, hint: "use the weights written by train_domain_classifier.py",
    });
  }
  return tf.tensor(t.data as Float32Array, t.shape);
}

/**
 * PyTorch → TF.js: conv [out, in, kh, kw] → [kh, kw, in, out]; dense [out, in] → [in, out]; and the
 * first dense layer's inputs reordered from PyTorch's (C, H, W) flattening to NHWC's (H, W, C).
 */
function toNhwc(tensors: Record<string, RawTensor>, source: string): Weights {
  return tf.tidy((): Weights => {
    const get = (n: string) => raw(tensors, n, source);
    const dense1 = tf.reshape(tf.transpose(tf.reshape(get("dense1/weight"), [128, 64, 7, 7]), [2, 3, 1, 0]), [7 * 7 * 64, 128]);
    const w: Weights = {
      conv1: tf.transpose(get("conv1/weight"), [2, 3, 1, 0]) as tf.Tensor4D, conv1Bias: get("conv1/bias") as tf.Tensor1D,
      conv2: tf.transpose(get("conv2/weight"), [2, 3, 1, 0]) as tf.Tensor4D, conv2Bias: get("conv2/bias") as tf.Tensor1D,
      dense1: dense1 as tf.Tensor2D, dense1Bias: get("dense1/bias") as tf.Tensor1D,
      dense2: tf.transpose(get("dense2/weight")) as tf.Tensor2D, dense2Bias: get("dense2/bias") as tf.Tensor1D,
    };
    for (const t of Object.values(w)) tf.keep(t);
    return w;
  });
}

/** [N, 28, 28, 1] in [−1, 1]: RGB averaged to grey, other sizes resized bilinearly. */
function prepare(x: tf.Tensor): tf.Tensor4D {
  if (x.rank !== 4 || !(x.shape[3] === 1 || x.shape[3] === 3)) {
    throw new GantryError("EXTRACTOR_BAD_INPUT", `domain-classifier needs images [N, H, W, 1|3], got [${x.shape.join(", ")}]`, {
      hint: "feed image samples in [−1, 1] (Fashion-MNIST-like 28×28 grey images)",
    });
  }
  const grey = x.shape[3] === 3 ? (tf.mean(x, 3, true) as tf.Tensor4D) : (x as tf.Tensor4D);
  return grey.shape[1] === 28 && grey.shape[2] === 28 ? grey : tf.image.resizeBilinear(grey, [28, 28]);
}

function penultimate(w: Weights, x: tf.Tensor): tf.Tensor2D {
  const h1 = tf.maxPool(tf.relu(tf.add(tf.conv2d(prepare(x), w.conv1, 1, "same"), w.conv1Bias)) as tf.Tensor4D, 2, 2, "valid");
  const h2 = tf.maxPool(tf.relu(tf.add(tf.conv2d(h1, w.conv2, 1, "same"), w.conv2Bias)) as tf.Tensor4D, 2, 2, "valid");
  return tf.relu(tf.add(tf.matMul(tf.reshape(h2, [x.shape[0], 7 * 7 * 64]), w.dense1), w.dense1Bias));
}

/**
 * The extractor from safetensors bytes of the weights (e.g. the committed file, fetched); `source` names
 * them in errors. dispose() frees its weights.
 */
export function domainClassifierFromWeights(bytes: Uint8Array, source = "<domain-classifier weights>"): DomainClassifier {
  const w = toNhwc(decodeSafetensors(bytes, source).tensors, source);
  return {
    name: "domain-classifier", inputShape: [28, 28, 1], featureDim: 128, numClasses: 10,
    features: (x) => tf.tidy(() => penultimate(w, x)),
    logits: (x) => tf.tidy(() => tf.add(tf.matMul(penultimate(w, x), w.dense2), w.dense2Bias)),
    dispose: () => tf.dispose(Object.values(w)),
  };
}
