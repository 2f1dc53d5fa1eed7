// Kind `network`: a pure function of explicit parameters (ADR 0001), so gradient penalties and
// unrolled look-ahead can differentiate through it. No tf.Variable, no hidden mutable weights.
import type * as tf from "@tensorflow/tfjs-core";
import type { Params } from "../params.js";
import type { Rng } from "../rng.js";

export interface ApplyContext {
  /** Training mode: batch norm uses batch statistics and returns updated running statistics. */
  readonly training: boolean;
  readonly rng?: Rng;
  /** Integer class labels [N] for conditional networks. */
  readonly labels?: tf.Tensor;
}

export interface NetworkOutput {
  readonly y: tf.Tensor;
  /** New network state (e.g. batch-norm running statistics); the input state is untouched. */
  readonly state: Params;
}

export interface Network {
  /** Shape of one input sample, without the batch dimension (latent [128], image [28, 28, 1]). */
  readonly inputShape: readonly number[];
  /** Shape of one output sample, without the batch dimension. */
  readonly outputShape: readonly number[];
  /** Number of classes for conditional networks (labels required in ApplyContext). */
  readonly numClasses?: number;
  init(rng: Rng): { params: Params; state: Params };
  apply(params: Params, state: Params, x: tf.Tensor, ctx: ApplyContext): NetworkOutput;
}

/** A network with its current trained parameters and state: what observers receive. */
export interface TrainedNetwork {
  readonly network: Network;
  readonly params: Params;
  readonly state: Params;
}

/** Anything that can draw samples: a trained generator, a mixture of generators (AdaGAN). */
export interface Sampler {
  /** Shape of one sample, without the batch dimension. */
  readonly sampleShape: readonly number[];
  /** n samples as a new tensor the caller disposes; the same seed gives the same samples. */
  sample(n: number, seed: number, labels?: tf.Tensor): tf.Tensor;
}
