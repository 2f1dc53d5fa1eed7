// Gradients of a scalar w.r.t. named Params, plus auxiliary tensors from the same forward pass (new
// network state, logits, loss terms), so a training step runs each network once. TF.js's
// valueAndGrads disposes everything else its function made; we keep clones of the aux (clones share data).
import * as tf from "@tensorflow/tfjs-core";
import type { Params } from "../params.js";

export interface LossWithAux<A extends Record<string, tf.Tensor>> {
  readonly loss: tf.Scalar;
  readonly aux: A;
}

export interface GradsWithAux<A extends Record<string, tf.Tensor>> {
  readonly loss: tf.Scalar;
  readonly grads: Params;
  readonly aux: A;
}

/**
 * ∇ₚ loss(p) and fn's aux tensors. Call inside tf.tidy: every returned tensor belongs to the caller's
 * scope (aux are cloned and kept through TF.js's inner tidy, then cloned into this scope and released).
 */
export function gradsWithAux<A extends Record<string, tf.Tensor>>(fn: (p: Params) => LossWithAux<A>, params: Params): GradsWithAux<A> {
  const names = Object.keys(params);
  let kept: A | undefined;
  const { value, grads } = tf.valueAndGrads((...xs: tf.Tensor[]) => {
    const out = fn(Object.fromEntries(names.map((n, i) => [n, xs[i]])));
    // Keep clones, not the aux themselves: an aux may be a tensor from outside (a network returning its
    // input state unchanged), which must never be disposed here.
    kept = Object.fromEntries(Object.entries(out.aux).map(([k, t]) => [k, tf.keep(tf.clone(t))])) as A;
    return out.loss;
  })(names.map((n) => params[n]));
  const aux = Object.fromEntries(Object.entries(kept as A).map(([k, t]) => [k, tf.clone(t)])) as A;
  for (const t of Object.values(kept as A)) t.dispose();
  return { loss: value as tf.Scalar, grads: Object.fromEntries(names.map((n, i) => [n, grads[i]])), aux };
}
