// The batches the look-ahead's D loss reads (Unrolled GAN, Metz et al. 2017 eq. 7): batch 0 is the G
// step's own real batch and fakes; batches 1…n were drawn for the look-ahead (fresh real data, fresh
// latents). D's loss here has no regularizer penalties (they would need third-order gradients); D's
// inputs go through the regularizers' transforms (instance noise) as in the D step.
import { GantryError, tf, type ApplyContext, type LookaheadContext, type LookaheadLoss, type Params } from "@gantry/core";
import type { AlternatingSetup, RealBatch, TrainerRngs, TrainerTensors } from "./alternating-setup.js";
import { contextFor, generateFakes } from "./discriminator-step.js";
import { transformDiscriminatorInput } from "./regularizer-hooks.js";

/** A fresh look-ahead batch before G runs: D's real input and the latents of its fakes. */
export interface FreshBatch {
  readonly realIn: tf.Tensor;
  readonly realCtx: ApplyContext;
  readonly z: tf.Tensor;
  readonly labels?: tf.Tensor;
  readonly fakeCtx: ApplyContext;
}

/** D's two inputs of one look-ahead batch, its fakes a function of θ_G. */
export interface LookaheadBatch {
  readonly realIn: tf.Tensor;
  readonly realCtx: ApplyContext;
  readonly fakeIn: tf.Tensor;
  readonly fakeCtx: ApplyContext;
}

/** Draws the latents (and labels) of each fresh batch and transforms its real data; call inside tf.tidy. */
export function prepareFreshBatches(setup: AlternatingSetup, t: TrainerTensors, rngs: TrainerRngs, fresh: readonly RealBatch[], step: number): FreshBatch[] {
  const D = setup.discriminator;
  return fresh.map((real) => {
    const { z, labels } = generateFakes(setup, t, rngs, real.x.shape[0]);
    return {
      realIn: transformDiscriminatorInput(setup, rngs, real.x, step), realCtx: contextFor(D.numClasses, rngs, real.labels),
      z, ...(labels ? { labels } : {}), fakeCtx: contextFor(D.numClasses, rngs, labels),
    };
  });
}

/** A fresh batch's fakes from G under the params being differentiated (G's new state is discarded). */
export function freshFakes(setup: AlternatingSetup, t: TrainerTensors, rngs: TrainerRngs, gParams: Params, b: FreshBatch, step: number): LookaheadBatch {
  const G = setup.generator;
  const fake = G.apply(gParams, t.gState, b.z, contextFor(G.numClasses, rngs, b.labels)).y;
  return { realIn: b.realIn, realCtx: b.realCtx, fakeIn: transformDiscriminatorInput(setup, rngs, fake, step), fakeCtx: b.fakeCtx };
}

/** D's adversarial loss on batch `b`, threading D's network state from the real pass to the fake pass. */
export function lookaheadLoss(setup: AlternatingSetup, batches: readonly LookaheadBatch[]): LookaheadContext["dLoss"] {
  const D = setup.discriminator;
  return (dParams: Params, dState: Params, b: number): LookaheadLoss => {
    const batch = batches[b];
    if (batch === undefined) {
      throw new GantryError("LOOKAHEAD_BATCH", `the look-ahead read batch ${b}, but only batches 0…${batches.length - 1} were drawn`, {
        hint: "a lookahead must declare in freshBatches how many batches besides the G step's own its unroll reads",
      });
    }
    const r = D.apply(dParams, dState, batch.realIn, batch.realCtx);
    const f = D.apply(dParams, r.state, batch.fakeIn, batch.fakeCtx);
    return { loss: setup.loss.discriminator(r.y, f.y), state: f.state };
  };
}
