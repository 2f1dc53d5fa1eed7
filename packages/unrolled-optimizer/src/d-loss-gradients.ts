// ∇_θD of the look-ahead's D loss, recorded on the caller's tape (so the gradient can itself be
// differentiated: Metz et al. 2017, eq. 7 needs ∂θ_D^{k+1}/∂θ_G), plus D's new network state from the
// same forward pass. TF.js's gradients() disposes what its function made, so the state is kept as clones.
import { tf, type LookaheadContext, type Params } from "@gantry/core";

export interface DLossGradients {
  readonly grads: Params;
  readonly state: Params;
}

/** Call inside tf.tidy. A D param the loss does not read gets a zero gradient (it is not moved). */
export function dLossGradients(dLoss: LookaheadContext["dLoss"], params: Params, state: Params, batch: number): DLossGradients {
  const names = Object.keys(params);
  const xs = names.map((n) => params[n]);
  let kept: Params = {};
  const { grads } = tf.engine().gradients(() => {
    const out = dLoss(Object.fromEntries(names.map((n, i) => [n, xs[i]])), state, batch);
    // Clones, never the state itself: a stateless network returns its input state, which is not ours.
    kept = Object.fromEntries(Object.entries(out.state).map(([k, t]) => [k, tf.keep(tf.clone(t))]));
    return out.loss;
  }, xs, undefined, true);
  const nextState = Object.fromEntries(Object.entries(kept).map(([k, t]) => [k, tf.clone(t)]));
  for (const t of Object.values(kept)) t.dispose();
  return {
    grads: Object.fromEntries(names.map((n, i) => [n, grads[i] ?? tf.zerosLike(xs[i])])),
    state: nextState,
  };
}
