// Kind `regularizer`: hooks at the points docs/architecture.md names. A regularizer implements any
// subset: transform D's inputs (instance noise), add a D-loss penalty (Roth, WGAN-GP, R1/R2),
// post-process D's params after an update (weight clipping), or wrap D's network (spectral norm).
import type * as tf from "@tensorflow/tfjs-core";
import type { Params } from "../params.js";
import type { Rng } from "../rng.js";
import type { AdversarialLoss } from "./loss.js";
import type { Network } from "./network.js";

export interface RegularizerStepContext {
  /** Generator step (the unit of every schedule). */
  readonly step: number;
  /** This regularizer's own random stream (saved in checkpoints by the method under its key). */
  readonly rng: Rng;
  /** The run's planned generator steps, when the method knows them: the length of run schedules. */
  readonly totalSteps?: number;
}

/** Whose labels a conditional D is evaluated with at penalty points. */
export type PenaltyLabels = "real" | "fake";

export interface PenaltyContext extends RegularizerStepContext {
  /**
   * D's logits at x as a differentiable function of x and D's params, under the current D params (a
   * conditional D is given the real batch's labels, or the fakes' with "fake"; default "real").
   */
  readonly discriminator: (x: tf.Tensor, labels?: PenaltyLabels) => tf.Tensor;
  readonly real: tf.Tensor;
  readonly fake: tf.Tensor;
  readonly realLogits: tf.Tensor;
  readonly fakeLogits: tf.Tensor;
}

/** What a regularizer needs of the rest of the method, checked when the method is built. */
export interface RegularizerRequirements {
  /** The loss's kind of D output it is defined for (Roth et al. need log-odds: "probability"). */
  readonly lossOutput?: AdversarialLoss["output"];
}

export interface Regularizer {
  readonly name: string;
  /**
   * Stable identity within a method (a spec's node name): keys the regularizer's random stream and its
   * checkpoint entry, so reordering a list cannot swap streams. Default: `<name>#<position>`.
   */
  readonly key?: string;
  readonly requires?: RegularizerRequirements;
  /** Transforms a batch before D sees it (both real and fake, in D and G steps). */
  transformInput?(x: tf.Tensor, ctx: RegularizerStepContext): tf.Tensor;
  /** A term added to D's loss; must be differentiable w.r.t. D's params through `discriminator`. */
  penalty?(ctx: PenaltyContext): tf.Scalar;
  /** New D params after an update (e.g. clipped); returns new tensors. */
  postUpdate?(params: Params, ctx: RegularizerStepContext): Params;
  /** A network that reparameterises D's weights in its forward pass (e.g. spectral norm). */
  wrapNetwork?(network: Network): Network;
}
