// θ_D^K: K updates of D's own optimizer from (θ_D, its optimizer state), each on D's look-ahead loss
// (Metz et al. 2017, eq. 7; the optimizer state, e.g. Adam's moments and count, is carried through the
// unroll as in the paper's reference code). Every op is differentiable and taped: nothing is assigned.
import { applyUpdates, tf, type LookaheadContext, type LookaheadResult, type Params } from "@gantry/core";
import { dLossGradients } from "./d-loss-gradients.js";

interface Unrolled {
  readonly params: Params;
  readonly state: Params;
  readonly optState: Params;
}

/** The batch look-ahead update k reads (0 = the G step's own batch). */
export type BatchOf = (k: number) => number;

function update(ctx: LookaheadContext, d: Unrolled, batch: number): Unrolled {
  return tf.tidy(() => {
    const { grads, state } = dLossGradients(ctx.dLoss, d.params, d.state, batch);
    const { updates, state: optState } = ctx.dOptimizer.update(grads, d.optState, d.params, ctx.step);
    return { params: applyUpdates(d.params, updates), state, optState };
  });
}

/** Disposes what `old` holds and `next` does not reuse; never the caller's tensors (`inputs`). */
function release(old: Unrolled, next: Unrolled, inputs: ReadonlySet<tf.Tensor>): void {
  const live = new Set([next.params, next.state, next.optState].flatMap((p) => Object.values(p)));
  for (const t of [old.params, old.state, old.optState].flatMap((p) => Object.values(p))) {
    if (!live.has(t) && !inputs.has(t)) t.dispose();
  }
}

/**
 * D's params and network state after `steps` updates; new tensors (clones when steps = 0). The
 * intermediate θ_D^k are disposed as soon as θ_D^{k+1} exists: what the backward pass needs of them
 * TF.js's tape has saved, so one step holds K parameter-sized sets, all freed when its gradient is read.
 */
export function unrollDiscriminator(ctx: LookaheadContext, steps: number, batchOf: BatchOf): LookaheadResult {
  const inputs = new Set([ctx.dParams, ctx.dState, ctx.dOptState].flatMap((p) => Object.values(p)));
  let d: Unrolled = { params: ctx.dParams, state: ctx.dState, optState: ctx.dOptState };
  for (let k = 0; k < steps; k++) {
    const next = update(ctx, d, batchOf(k));
    release(d, next, inputs);
    d = next;
  }
  const own = (p: Params) => Object.fromEntries(Object.entries(p).map(([k, t]) => [k, inputs.has(t) ? tf.clone(t) : t]));
  const result = { params: own(d.params), state: own(d.state) };
  for (const t of Object.values(d.optState)) if (!inputs.has(t)) t.dispose();
  return result;
}
