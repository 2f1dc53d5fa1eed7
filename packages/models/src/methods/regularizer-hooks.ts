// Runs a list of regularizers' hooks in list order (docs/architecture.md): wrap D at construction,
// transform D's inputs, sum penalties into D's loss, post-process D's params after each update. Each
// regularizer has a stable key (its spec node, or `<name>#<position>`) that names its own Rng stream,
// saved in checkpoints by the method, and its penalty's stats key.
import {
  GantryError, tf,
  type AdversarialLoss, type Network, type Params, type PenaltyContext, type Regularizer, type RegularizerStepContext, type Rng,
} from "@gantry/core";

/** The regularizers of a method with what their hooks need besides the step. */
export interface RegularizerSet {
  readonly regularizers: readonly Regularizer[];
  /** The run's planned generator steps (the length of run schedules), when known. */
  readonly totalSteps?: number;
}

/** Keys of the regularizers (`key`, else `<name>#<position>`); two with one key are an error. */
export function regularizerKeys(regularizers: readonly Regularizer[]): string[] {
  const keys = regularizers.map((r, i) => r.key ?? `${r.name}#${i}`);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice !== undefined) {
    throw new GantryError("METHOD_REGULARIZER_KEY", `two regularizers have the key "${twice}"`, {
      where: { field: "with.regularizers" }, hint: "give each regularizer its own key (spec nodes are keyed by their names)",
    });
  }
  return keys;
}

/** Refuses a regularizer whose `requires` the method's loss does not meet (Roth et al. on a critic loss). */
export function checkRequirements(regularizers: readonly Regularizer[], loss: AdversarialLoss): void {
  regularizers.forEach((r, i) => {
    const wanted = r.requires?.lossOutput;
    if (wanted !== undefined && wanted !== loss.output) {
      const what = wanted === "probability" ? "log-odds of \"real\" (a probability loss)" : "unbounded critic scores (a critic loss)";
      throw new GantryError("METHOD_REGULARIZER_LOSS", `regularizer ${r.key ?? r.name} is defined for D outputs that are ${what}, but the loss is a ${loss.output} loss`, {
        where: { field: `with.regularizers[${i}]` },
        hint: wanted === "probability"
          ? "use it with minimax, non-saturating, least-squares or relativistic losses; for a Wasserstein critic use gradient-penalty, weight-clipping or spectral-norm"
          : "use it with the wasserstein or hinge loss",
      });
    }
  });
}

const context = (set: RegularizerSet, rng: Rng, step: number): RegularizerStepContext =>
  set.totalSteps !== undefined ? { step, rng, totalSteps: set.totalSteps } : { step, rng };

/** D wrapped by every regularizer that reparameterises it (spectral norm), first in the list innermost. */
export function wrapDiscriminator(network: Network, regularizers: readonly Regularizer[]): Network {
  return regularizers.reduce((net, r) => (r.wrapNetwork ? r.wrapNetwork(net) : net), network);
}

/** x after every transformInput hook (instance noise, augmentation); x itself when there are none. */
export function transformDiscriminatorInput(set: RegularizerSet, rngs: { readonly regularizers: readonly Rng[] }, x: tf.Tensor, step: number): tf.Tensor {
  return set.regularizers.reduce((h, r, i) => (r.transformInput ? r.transformInput(h, context(set, rngs.regularizers[i], step)) : h), x);
}

/** Stats keys of the penalties: "penalty/<name>", or "penalty/<key>" when two regularizers share a name. */
export function penaltyKeys(regularizers: readonly Regularizer[], keys: readonly string[]): (string | undefined)[] {
  const names = regularizers.map((r) => r.name);
  return regularizers.map((r, i) => {
    if (!r.penalty) return undefined;
    return names.indexOf(r.name) === names.lastIndexOf(r.name) ? `penalty/${r.name}` : `penalty/${keys[i]}`;
  });
}

/** Each penalty by its stats key (differentiable w.r.t. whatever `ctx.discriminator` reads). */
export function penalties(
  set: RegularizerSet, rngs: readonly Rng[], statsKeys: readonly (string | undefined)[],
  ctx: Omit<PenaltyContext, keyof RegularizerStepContext>, step: number,
): Record<string, tf.Scalar> {
  const out: Record<string, tf.Scalar> = {};
  set.regularizers.forEach((r, i) => {
    const key = statsKeys[i];
    if (r.penalty && key) out[key] = r.penalty({ ...ctx, ...context(set, rngs[i], step) });
  });
  return out;
}

/** D's params after every postUpdate hook (weight clipping); new tensors, inputs untouched. */
export function postUpdateDiscriminator(set: RegularizerSet, rngs: readonly Rng[], params: Params, step: number): Params {
  return set.regularizers.reduce((p, r, i) => (r.postUpdate ? r.postUpdate(p, context(set, rngs[i], step)) : p), params);
}
