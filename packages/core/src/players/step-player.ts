// One optimizer update of one player on the gradient of a scalar (docs/adr/0008): the step helper any
// method reuses. The loss closure receives the player's params and returns the loss and auxiliary
// tensors of the same forward pass (logits, new network state, loss terms). Call inside tf.tidy.
import type { Params } from "../params.js";
import { applyUpdates } from "../optimizers/apply-updates.js";
import type * as tf from "@tensorflow/tfjs-core";
import { gradsWithAux, type LossWithAux } from "./grads-with-aux.js";
import type { Player } from "./player.js";

export interface PlayerStep<A extends Record<string, tf.Tensor>> {
  readonly params: Params;
  readonly optState: Params;
  readonly loss: tf.Scalar;
  /** The raw gradients (before the optimizer), for diagnostics. */
  readonly grads: Params;
  readonly aux: A;
}

/** ∇ loss at the player's params, one update of its optimizer at `step`: new params and optimizer state. */
export function stepPlayer<A extends Record<string, tf.Tensor>>(player: Player, loss: (params: Params) => LossWithAux<A>, step: number): PlayerStep<A> {
  const { loss: value, grads, aux } = gradsWithAux(loss, player.params);
  const { updates, state } = player.optimizer.update(grads, player.optState, player.params, step);
  return { params: applyUpdates(player.params, updates), optState: state, loss: value, grads, aux };
}
