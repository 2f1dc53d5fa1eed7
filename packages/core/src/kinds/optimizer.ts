// Kind `optimizer`: a pure transform in the optax shape. State is Params (counters are scalars), so
// checkpoints serialise it like weights and the unrolled look-ahead can differentiate through it.
import type { Params } from "../params.js";

export interface OptimizerUpdate {
  /** Deltas: p' = p + updates. */
  readonly updates: Params;
  readonly state: Params;
}

export interface Optimizer {
  init(params: Params): Params;
  /** `step` is 0-based and drives learning-rate schedules; it never mutates its inputs. */
  update(grads: Params, state: Params, params: Params, step: number): OptimizerUpdate;
}
