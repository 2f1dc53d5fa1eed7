// Kind `lookahead`: the Unrolled GAN surrogate (Metz et al. 2017, eq. 6–7). Given D's loss as a
// function of D's params and network state (with fakes from the current G, so gradients reach G), it
// returns D's params after K optimizer steps, as differentiable tensors; the G loss is taken against them.
import type * as tf from "@tensorflow/tfjs-core";
import type { Params } from "../params.js";
import type { Optimizer } from "./optimizer.js";

/** D's loss on one look-ahead batch, and D's network state after reading it (batch-norm statistics). */
export interface LookaheadLoss {
  readonly loss: tf.Scalar;
  readonly state: Params;
}

export interface LookaheadContext {
  readonly dParams: Params;
  /** D's network state at θ_D (batch-norm running statistics; {} for stateless networks). */
  readonly dState: Params;
  readonly dOptState: Params;
  readonly dOptimizer: Optimizer;
  /**
   * D's loss (no regularizer penalties) on batch `batch` under (dParams, dState). Batch 0 is the G
   * step's own real batch and fakes; batches 1…lookahead.freshBatches were drawn for the look-ahead
   * (fresh real data, fresh latents). The fakes are G(θ_G, z): gradients reach G through this loss.
   */
  readonly dLoss: (dParams: Params, dState: Params, batch: number) => LookaheadLoss;
  /** The generator step (0-based), for D's learning-rate schedule. */
  readonly step: number;
}

/** D after the look-ahead: new tensors, differentiable w.r.t. what dLoss reads unless the kind says otherwise. */
export interface LookaheadResult {
  readonly params: Params;
  readonly state: Params;
}

export interface Lookahead {
  /** K, the number of look-ahead updates of D. */
  readonly steps: number;
  /**
   * Real batches the method draws before each G step for dLoss, besides the G step's own (batch 0):
   * 0 when every look-ahead update reuses batch 0 (Metz et al.'s reference code), `steps` for a fresh one per update.
   */
  readonly freshBatches: number;
  unroll(ctx: LookaheadContext): LookaheadResult;
}
