// One generator update of `alternating`: fakes from G, D(fake) under D's current params — or, with a
// look-ahead (Unrolled GAN, Metz et al. 2017 eq. 6), under D's params and state after K updates —
// G's loss, optimizer update, EMA. D's new network state from this step is discarded (docs/adr/0001).
import { applyUpdates, emaUpdate, gradsWithAux, prefixParams, tf, unprefixParams, type Params } from "@gantry/core";
import type { AlternatingSetup, RealBatch, TrainerRngs, TrainerTensors } from "./alternating-setup.js";
import { contextFor, generateFakes } from "./discriminator-step.js";

import { freshFakes, lookaheadLoss, prepareFreshBatches } from "./lookahead-batches.js";
import { transformDiscriminatorInput } from "./regularizer-hooks.js";
import { gradientNormStats, type ScalarStats } from "./step-diagnostics.js";

export interface GeneratorStepResult {
  readonly gParams: Params;
  readonly gState: Params;
  readonly gOpt: Params;
  readonly ema?: Params;
  readonly stats: ScalarStats;
}

/**
 * `real` is the last D step's batch: relativistic losses compare against it, and it is the look-ahead's
 * batch 0. `fresh` are the extra real batches the look-ahead declared (`freshBatches`), drawn by the
 * caller; each gets fresh latents here. The look-ahead's D loss has no penalties (see lookahead-batches.ts).
 */
export function generatorStep(
  setup: AlternatingSetup, t: TrainerTensors, rngs: TrainerRngs, real: RealBatch, step: number, fresh: readonly RealBatch[] = [],
): GeneratorStepResult {
  return tf.tidy(() => {
    const { generator: G, discriminator: D, loss, lookahead } = setup;
    const { z, labels } = generateFakes(setup, t, rngs, real.x.shape[0]);
    const realIn = setup.generatorReadsReal ? transformDiscriminatorInput(setup, rngs, real.x, step) : undefined;
    const realCtx = contextFor(D.numClasses, rngs, real.labels);
    const fakeCtx = contextFor(D.numClasses, rngs, labels);
    const freshBatches = prepareFreshBatches(setup, t, rngs, fresh, step);
    const { loss: gLoss, grads, aux } = gradsWithAux((gp) => {
      const g = G.apply(gp, t.gState, z, contextFor(G.numClasses, rngs, labels));
      const fakeIn = transformDiscriminatorInput(setup, rngs, g.y, step);
      const ahead = lookahead && realIn
        ? lookahead.unroll({
          dParams: t.dParams, dState: t.dState, dOptState: t.dOpt, dOptimizer: setup.dOptimizer, step,
          dLoss: lookaheadLoss(setup, [
            { realIn, realCtx, fakeIn, fakeCtx },
            ...freshBatches.map((b) => freshFakes(setup, t, rngs, gp, b, step)),
          ]),
        })
        : { params: t.dParams, state: t.dState };
      const logits = (x: tf.Tensor, ctx: typeof realCtx) => D.apply(ahead.params, ahead.state, x, ctx).y;
      const fakeLogits = logits(fakeIn, fakeCtx);
      // A loss whose generator() does not read real logits: skip that D pass.
      const realLogits = realIn ? logits(realIn, realCtx) : (undefined as unknown as tf.Tensor);
      return { loss: loss.generator(fakeLogits, realLogits), aux: prefixParams(g.state, "state") };
    }, t.gParams);
    const stats: ScalarStats = { gLoss, ...gradientNormStats("gradNormG", grads, setup.perLayer) };
    const { updates, state: gOpt } = setup.gOptimizer.update(grads, t.gOpt, t.gParams, step);
    const gParams = applyUpdates(t.gParams, updates);
    const ema = t.ema && setup.emaDecay !== undefined ? emaUpdate(t.ema, gParams, setup.emaDecay) : undefined;
    return { gParams, gState: unprefixParams(aux, "state"), gOpt, ...(ema ? { ema } : {}), stats };
  });
}
