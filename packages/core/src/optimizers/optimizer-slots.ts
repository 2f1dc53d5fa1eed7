// Optimizer state layout: a scalar float32 "count" (updates applied so far) plus one slot per
// moment, named like PyTorch's state ("exp_avg/<param>"), so checkpoints read like torch's.
// float32 counts are exact up to 2^24 (16.7 M updates).
import * as tf from "@tensorflow/tfjs-core";
import { GantryError } from "../errors.js";
import { mapParams, prefixParams, unprefixParams, type Params } from "../params.js";

/** The initial state: count = 0 and a zero slot for each param under each slot name. */
export function initSlots(params: Params, slotNames: readonly string[]): Params {
  const state: Record<string, tf.Tensor> = { count: tf.scalar(0) };
  for (const slot of slotNames) Object.assign(state, prefixParams(mapParams(params, (p) => tf.zerosLike(p)), slot));
  return state;
}

/** The slot `name` of a state, keyed by param name; missing → an error that says which. */
export function readSlot(state: Params, slot: string, like: Params, optimizer: string): Params {
  const values = unprefixParams(state, slot);
  for (const name of Object.keys(like)) {
    if (!(name in values)) {
      throw new GantryError("OPTIMIZER_STATE_MISMATCH", `${optimizer} state has no ${slot}/${name}`, {
        hint: "initialise the state with optimizer.init(params) for these same params",
      });
    }
  }
  return values;
}

/** The count of a state (a scalar tensor). */
export function readCount(state: Params, optimizer: string): tf.Scalar {
  const count = state.count;
  if (count === undefined) {
    throw new GantryError("OPTIMIZER_STATE_MISMATCH", `${optimizer} state has no count`, {
      hint: "initialise the state with optimizer.init(params)",
    });
  }
  return count as tf.Scalar;
}

/** L2 weight decay as PyTorch couples it: g + λ·p (no new tensor work when λ = 0). */
export function withWeightDecay(g: tf.Tensor, p: tf.Tensor, weightDecay: number): tf.Tensor {
  return weightDecay === 0 ? g : tf.add(g, tf.mul(p, weightDecay));
}

/**
 * Completes a new state with copies of the entries an update did not touch (params that had no
 * gradient this step keep their moments, as in PyTorch), so the state never shrinks.
 */
export function carryOver(state: Params, next: Record<string, tf.Tensor>): Params {
  for (const key of Object.keys(state)) if (!(key in next)) next[key] = tf.clone(state[key]);
  return next;
}
