// Runs a list of regularizers' hooks in list order (DESIGN.md §4): wrap D at construction, transform
// D's inputs, sum penalties into D's loss, post-process D's params after each update. Each
// regularizer gets its own Rng stream (rngs[i]), saved in checkpoints by the method.
import { tf, type Network, type Params, type PenaltyContext, type Regularizer, type Rng } from "@gantry/core";

/** D wrapped by every regularizer that reparameterises it (spectral norm), first in the list innermost. */
export function wrapDiscriminator(network: Network, regularizers: readonly Regularizer[]): Network {
  return regularizers.reduce((net, r) => (r.wrapNetwork ? r.wrapNetwork(net) : net), network);
}

/** x after every transformInput hook (instance noise, augmentation); x itself when there are none. */
export function transformDiscriminatorInput(regularizers: readonly Regularizer[], rngs: readonly Rng[], x: tf.Tensor, step: number): tf.Tensor {
  return regularizers.reduce((h, r, i) => (r.transformInput ? r.transformInput(h, { step, rng: rngs[i] }) : h), x);
}

/** Stats keys of the penalties: "penalty/<name>", with "#i" appended when two regularizers share a name. */
export function penaltyKeys(regularizers: readonly Regularizer[]): (string | undefined)[] {
  const names = regularizers.map((r) => r.name);
  return regularizers.map((r, i) => {
    if (!r.penalty) return undefined;
    return names.indexOf(r.name) === names.lastIndexOf(r.name) ? `penalty/${r.name}` : `penalty/${r.name}#${i}`;
  });
}

/** Each penalty by its key (differentiable w.r.t. whatever `ctx.discriminator` reads). */
export function penalties(
  regularizers: readonly Regularizer[], rngs: readonly Rng[], keys: readonly (string | undefined)[],
  ctx: Omit<PenaltyContext, "rng">,
): Record<string, tf.Scalar> {
  const out: Record<string, tf.Scalar> = {};
  regularizers.forEach((r, i) => {
    const key = keys[i];
    if (r.penalty && key) out[key] = r.penalty({ ...ctx, rng: rngs[i] });
  });
  return out;
}

/** D's params after every postUpdate hook (weight clipping); new tensors, inputs untouched. */
export function postUpdateDiscriminator(regularizers: readonly Regularizer[], rngs: readonly Rng[], params: Params, step: number): Params {
  return regularizers.reduce((p, r, i) => (r.postUpdate ? r.postUpdate(p, { step, rng: rngs[i] }) : p), params);
}
