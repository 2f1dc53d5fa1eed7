// One discriminator update of `alternating` (Goodfellow et al. 2014, Algorithm 1, inner loop): fakes from
// the current G (its new state discarded), D on real and fake in separate calls, loss + penalties,
// optimizer update, postUpdate hooks. Pure: returns new tensors, disposes nothing it was given.
import { applyUpdates, gradsWithAux, prefixParams, tf, unprefixParams, type ApplyContext, type Params } from "@gantry/core";
import type { AlternatingSetup, RealBatch, TrainerRngs, TrainerTensors } from "./alternating-setup.js";

import { sampleLabels, sampleLatent } from "./latent.js";
import { penalties, postUpdateDiscriminator, transformDiscriminatorInput } from "./regularizer-hooks.js";
import { discriminatorOutputStats, gradientNormStats, type ScalarStats } from "./step-diagnostics.js";

export interface DiscriminatorStepResult {
  readonly dParams: Params;
  readonly dState: Params;
  readonly dOpt: Params;
  readonly stats: ScalarStats;
}

/** Fakes [n, ...] from the current generator, with their labels when G or D is conditional. */
export function generateFakes(setup: AlternatingSetup, t: TrainerTensors, rngs: TrainerRngs, n: number) {
  const labels = setup.fakeClasses ? sampleLabels(rngs.labels, n, setup.fakeClasses) : undefined;
  const z = sampleLatent(rngs.latent, n, setup.latentShape, setup.latentDist);
  return { z, labels };
}

/** ApplyContext for a network: labels only if it is conditional. */
export function contextFor(numClasses: number | undefined, rngs: TrainerRngs, labels: tf.Tensor | undefined): ApplyContext {
  return numClasses !== undefined && labels ? { training: true, rng: rngs.apply, labels } : { training: true, rng: rngs.apply };
}

export function discriminatorStep(setup: AlternatingSetup, t: TrainerTensors, rngs: TrainerRngs, real: RealBatch, step: number): DiscriminatorStepResult {
  return tf.tidy(() => {
    const { generator: G, discriminator: D } = setup;
    const { z, labels } = generateFakes(setup, t, rngs, real.x.shape[0]);
    const fake = G.apply(t.gParams, t.gState, z, contextFor(G.numClasses, rngs, labels)).y;
    const realIn = transformDiscriminatorInput(setup, rngs, real.x, step);
    const fakeIn = transformDiscriminatorInput(setup, rngs, fake, step);
    const realCtx = contextFor(D.numClasses, rngs, real.labels);
    const fakeCtx = contextFor(D.numClasses, rngs, labels);
    const { grads, aux } = gradsWithAux((dp) => {
      const r = D.apply(dp, t.dState, realIn, realCtx);
      const f = D.apply(dp, r.state, fakeIn, fakeCtx);
      const adversarial = setup.loss.discriminator(r.y, f.y);
      const terms = penalties(setup, rngs.regularizers, setup.penaltyKeys, {
        real: realIn, fake: fakeIn, realLogits: r.y, fakeLogits: f.y,
        discriminator: (x, labels = "real") => D.apply(dp, t.dState, x, labels === "fake" ? fakeCtx : realCtx).y,
      }, step);
      const total = Object.values(terms).reduce<tf.Scalar>((s, p) => tf.add(s, p), adversarial);
      return { loss: total, aux: { realLogits: r.y, fakeLogits: f.y, dLoss: adversarial, ...terms, ...prefixParams(f.state, "state") } };
    }, t.dParams);
    const { realLogits, fakeLogits, ...rest } = aux;
    const stats: ScalarStats = {
      ...Object.fromEntries(Object.entries(rest).filter(([k]) => !k.startsWith("state/"))) as ScalarStats,
      ...discriminatorOutputStats(setup.loss.output, realLogits, fakeLogits),
      ...gradientNormStats("gradNormD", grads, setup.perLayer),
    };
    const { updates, state: dOpt } = setup.dOptimizer.update(grads, t.dOpt, t.dParams, step);
    const dParams = postUpdateDiscriminator(setup, rngs.regularizers, applyUpdates(t.dParams, updates), step);
    return { dParams, dState: unprefixParams(aux, "state"), dOpt, stats };
  });
}
