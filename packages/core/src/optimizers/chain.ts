// chain: composes gradient transforms left to right (optax.chain): each transform's updates are
// the next one's gradients; the last one's are the deltas. Each transform's state is kept under
// its index ("0/count", "1/exp_avg/w"), so a chain's state is still one flat Params.
import * as tf from "@tensorflow/tfjs-core";
import type { Optimizer } from "../kinds/optimizer.js";
import { mapParams, prefixParams, unprefixParams, type Params } from "../params.js";

export function chain(...transforms: readonly Optimizer[]): Optimizer {
  return {
    init(params) {
      return Object.assign({}, ...transforms.map((t, i) => prefixParams(t.init(params), String(i)))) as Params;
    },
    update: (grads, state, params, step) => tf.tidy(() => {
      let current = grads;
      const next: Record<string, tf.Tensor> = {};
      transforms.forEach((t, i) => {
        const out = t.update(current, unprefixParams(state, String(i)), params, step);
        Object.assign(next, prefixParams(out.state, String(i)));
        current = out.updates;
      });
      // chain() is the identity; its updates must still be new tensors (callers dispose them).
      const updates = current === grads ? mapParams(grads, (g) => tf.clone(g)) : current;
      return { updates, state: next as Params };
    }),
  };
}
