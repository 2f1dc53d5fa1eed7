// Kind `featureExtractor`: maps images to feature vectors (FID, KID, precision/recall) and class
// logits (Inception Score). Reports say which extractor made a number.
import type * as tf from "@tensorflow/tfjs-core";

export interface FeatureExtractor {
  /** Name recorded next to every metric value it produced ("domain-classifier", "inception-v3"). */
  readonly name: string;
  /** Input shape of one image [H, W, C]; inputs in [−1, 1]. Inputs of other sizes are resized. */
  readonly inputShape: readonly number[];
  readonly featureDim: number;
  readonly numClasses?: number;
  /** Features [N, featureDim]; a new tensor the caller disposes. */
  features(x: tf.Tensor): tf.Tensor2D;
  /** Class logits [N, numClasses], when the extractor is a classifier. */
  logits?(x: tf.Tensor): tf.Tensor2D;
}
