// applyUpdates: p' = p + updates (optax.apply_updates). A param with no update (it had no
// gradient) is copied unchanged; an update for an unknown param is an error. Returns new tensors
// and disposes nothing.
import * as tf from "@tensorflow/tfjs-core";
import { GantryError } from "../errors.js";
import { mapParams, type Params } from "../params.js";

export function applyUpdates(params: Params, updates: Params): Params {
  const unknown = Object.keys(updates).filter((k) => !(k in params));
  if (unknown.length > 0) {
    throw new GantryError("PARAMS_KEY_MISMATCH", `updates for unknown params [${unknown.join(", ")}]`, {
      hint: "the optimizer's gradients must come from the same params it updates",
    });
  }
  return mapParams(params, (p, name) => (name in updates ? tf.add(p, updates[name]) : tf.clone(p)));
}
