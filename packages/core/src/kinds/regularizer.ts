// Kind `regularizer`: hooks at the points DESIGN.md §4 names. A regularizer implements any subset:
// transform D's inputs (instance noise), add a D-loss penalty (Roth, WGAN-GP, R1/R2), post-process
// D's params after an update (weight clipping), or wrap D's network (spectral norm).
import type * as tf from "@tensorflow/tfjs-core";
import type { Params } from "../params.js";
import type { Rng } from "../rng.js";
import type { Network } from "./network.js";

export interface RegularizerStepContext {
  /** Generator step (the unit of every schedule). */
  readonly step: number;
  /** This regularizer's own random stream (saved in checkpoints by the method). */
  readonly rng: Rng;
}

export interface PenaltyContext extends RegularizerStepContext {
  /** D's logits as a differentiable function of its input, under the current D params. */
  readonly discriminator: (x: tf.Tensor) => tf.Tensor;
  readonly real: tf.Tensor;
  readonly fake: tf.Tensor;
  readonly realLogits: tf.Tensor;
  readonly fakeLogits: tf.Tensor;
}

export interface Regularizer {
  readonly name: string;
  /** Transforms a batch before D sees it (both real and fake, in D and G steps). */
  transformInput?(x: tf.Tensor, ctx: RegularizerStepContext): tf.Tensor;
  /** A term added to D's loss; must be differentiable w.r.t. D's params through `discriminator`. */
  penalty?(ctx: PenaltyContext): tf.Scalar;
  /** New D params after an update (e.g. clipped); returns new tensors. */
  postUpdate?(params: Params, ctx: RegularizerStepContext): Params;
  /** A network that reparameterises D's weights in its forward pass (e.g. spectral norm). */
  wrapNetwork?(network: Network): Network;
}
