// Kind `lookahead`: the Unrolled GAN surrogate (Metz et al. 2017, eq. 6–7). Given D's loss as a
// function of D's params (with fakes from the current G, so gradients reach G), it returns D's params
// after K optimizer steps, as differentiable tensors; the G loss is then taken against them.
import type * as tf from "@tensorflow/tfjs-core";
import type { Params } from "../params.js";
import type { Optimizer } from "./optimizer.js";

export interface LookaheadContext {
  readonly dParams: Params;
  readonly dOptState: Params;
  readonly dOptimizer: Optimizer;
  /** D's loss at look-ahead step k (0 ≤ k < steps), as a function of D's params. */
  readonly dLoss: (dParams: Params, k: number) => tf.Scalar;
  readonly step: number;
}

export interface Lookahead {
  readonly steps: number;
  /** D's params after `steps` look-ahead updates; new tensors, differentiable w.r.t. what dLoss reads. */
  unroll(ctx: LookaheadContext): Params;
}
