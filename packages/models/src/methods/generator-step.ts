// One generator update of `alternating`: fakes from G, D(fake) under D's current params — or, with a
// look-ahead (Unrolled GAN, Metz et al. 2017 eq. 6), under D's params after K differentiable updates —
// G's loss, optimizer update, EMA. D's new network state from this step is discarded (DESIGN.md §2).
import { applyUpdates, prefixParams, tf, unprefixParams, type Params } from "@gantry/core";
import type { AlternatingSetup, RealBatch, TrainerRngs, TrainerTensors } from "./alternating-setup.js";
import { contextFor, generateFakes } from "./discriminator-step.js";
import { emaUpdate } from "./ema.js";
import { gradsWithAux } from "./grads-with-aux.js";
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
 * `real` is the last D step's batch: relativistic losses compare against it and the look-ahead's D loss
 * uses it (the same real and fake batch at every look-ahead step). Penalties are not part of the
 * look-ahead's D loss (they would need third-order gradients).
 */
export function generatorStep(setup: AlternatingSetup, t: TrainerTensors, rngs: TrainerRngs, real: RealBatch, step: number): GeneratorStepResult {
  return tf.tidy(() => {
    const { generator: G, discriminator: D, regularizers: regs, loss, lookahead } = setup;
    const { z, labels } = generateFakes(setup, t, rngs, real.x.shape[0]);
    const realIn = setup.generatorReadsReal ? transformDiscriminatorInput(regs, rngs.regularizers, real.x, step) : undefined;
    const realCtx = contextFor(D.numClasses, rngs, real.labels);
    const fakeCtx = contextFor(D.numClasses, rngs, labels);
    const { loss: gLoss, grads, aux } = gradsWithAux((gp) => {
      const g = G.apply(gp, t.gState, z, contextFor(G.numClasses, rngs, labels));
      const fakeIn = transformDiscriminatorInput(regs, rngs.regularizers, g.y, step);
      const logits = (p: Params, x: tf.Tensor, ctx: typeof realCtx) => D.apply(p, t.dState, x, ctx).y;
      const dParams = lookahead && realIn
        ? lookahead.unroll({
          dParams: t.dParams, dOptState: t.dOpt, dOptimizer: setup.dOptimizer, step,
          dLoss: (p) => loss.discriminator(logits(p, realIn, realCtx), logits(p, fakeIn, fakeCtx)),
        })
        : t.dParams;
      const fakeLogits = logits(dParams, fakeIn, fakeCtx);
      // A loss whose generator() declares one parameter cannot read real logits: skip that D pass.
      const realLogits = realIn ? logits(dParams, realIn, realCtx) : (undefined as unknown as tf.Tensor);
      return { loss: loss.generator(fakeLogits, realLogits), aux: prefixParams(g.state, "state") };
    }, t.gParams);
    const stats: ScalarStats = { gLoss, ...gradientNormStats("gradNormG", grads, setup.perLayer) };
    const { updates, state: gOpt } = setup.gOptimizer.update(grads, t.gOpt, t.gParams, step);
    const gParams = applyUpdates(t.gParams, updates);
    const ema = t.ema && setup.emaDecay !== undefined ? emaUpdate(t.ema, gParams, setup.emaDecay) : undefined;
    return { gParams, gState: unprefixParams(aux, "state"), gOpt, ...(ema ? { ema } : {}), stats };
  });
}
