// Unrolled GANs (Metz et al. 2017, eq. 6–7): the generator minimises f_K(θ_G, θ_D) = f(θ_G, θ_D^K(θ_G, θ_D)),
// its loss against D after K more updates of D's own optimizer. Second order differentiates through
// the K updates (eq. 7's second term); first order holds θ_D^K constant. The real D update is not ours.
import { parseOptions, stopGradient, tf, type Lookahead, type LookaheadContext, type LookaheadResult, type Params } from "@gantry/core";
import { unrollDiscriminator, type BatchOf } from "./unroll-discriminator.js";
import { unrolledSchema, type UnrolledMode, type UnrolledOptions } from "./unrolled-schema.js";

const parseUnrolled = (options: UnrolledOptions) => parseOptions(unrolledSchema, options, "lookahead/unrolled",
  "unrolled takes { steps?: integer ≥ 0, mode?: \"second-order\" | \"first-order\", batches?: \"same\" | \"fresh\" }");

/** eq. 7 in full: the result is differentiable w.r.t. θ_G through every update. */
function secondOrder(ctx: LookaheadContext, steps: number, batchOf: BatchOf): LookaheadResult {
  return unrollDiscriminator(ctx, steps, batchOf);
}

/**
 * eq. 7 without its second term: G sees D K steps ahead, but not how its own change moves D. θ_D^K is
 * held constant with stopGradient, whose backward pass skips the unroll entirely (no zeros pushed through it).
 */
function firstOrder(ctx: LookaheadContext, steps: number, batchOf: BatchOf): LookaheadResult {
  return tf.tidy(() => {
    const { params, state } = unrollDiscriminator(ctx, steps, batchOf);
    const constant = (p: Params): Params => Object.fromEntries(Object.entries(p).map(([k, t]) => [k, stopGradient(t)]));
    return { params: constant(params), state: constant(state) };
  });
}

const unrollers: Readonly<Record<UnrolledMode, typeof secondOrder>> = { "second-order": secondOrder, "first-order": firstOrder };

/**
 * The look-ahead of Unrolled GANs: `alternating({ ..., lookahead: unrolled({ steps: 5 }) })`. D's
 * own update stays the ordinary step from θ_D; the unrolled copies live only inside G's step.
 */
export function unrolled(options: UnrolledOptions = {}): Lookahead {
  const o = parseUnrolled(options);
  const batchOf: BatchOf = o.batches === "same" ? () => 0 : (k) => k + 1;
  const unroll = unrollers[o.mode];
  return Object.freeze({
    steps: o.steps,
    freshBatches: o.batches === "same" ? 0 : o.steps,
    unroll: (ctx: LookaheadContext) => unroll(ctx, o.steps, batchOf),
  });
}
