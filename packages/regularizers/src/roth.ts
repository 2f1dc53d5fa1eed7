// The gradient-norm penalty of Roth et al. 2017 ("Stabilizing Training of GANs through
// Regularization", eq. 9, Algorithm 1): with φ D's logit and D = σ(φ),
//   Ω = E_P[(1 − D(x))² ‖∇ₓφ(x)‖²] + E_Q[D(x)² ‖∇ₓφ(x)‖²],   D's loss += (γ/2)·Ω,
// a cheap analytic stand-in for training on noise-convolved distributions (instance noise) without
// sampling noise. γ anneals as γ₀·0.01^(t/T) by default (the paper's schedule, γ₀ = 2). It is defined
// for log-odds logits, so a critic (Wasserstein, hinge) loss is refused when the method is built.
import { runScheduleSchema, scheduleValue, tf, z, type PenaltyContext, type Regularizer } from "@gantry/core";
import { inputGradient, logitPerSample, squaredNormPerSample } from "./input-gradient.js";
import { parseRegularizerOptions, type RegularizerIdentity } from "./regularizer-options.js";

export const rothSchema = z.object({
  gamma: runScheduleSchema.default({ geometric: { from: 2, to: 0.02 } })
    .describe("γ_t; default the paper's annealing γ₀·0.01^(t/T) with γ₀ = 2 over the run; a number is constant"),
}).strict();

export type RothOptions = z.input<typeof rothSchema> & RegularizerIdentity;

/** Ω of Roth et al. eq. 9 (without γ/2), differentiable w.r.t. what the logits and `phi` read. */
export function rothOmega(ctx: Pick<PenaltyContext, "discriminator" | "real" | "fake" | "realLogits" | "fakeLogits">): tf.Scalar {
  return tf.tidy(() => {
    const dReal = tf.sigmoid(logitPerSample(ctx.realLogits, "roth"));
    const dFake = tf.sigmoid(logitPerSample(ctx.fakeLogits, "roth"));
    const gReal = squaredNormPerSample(inputGradient((x) => ctx.discriminator(x, "real"), ctx.real));
    const gFake = squaredNormPerSample(inputGradient((x) => ctx.discriminator(x, "fake"), ctx.fake));
    return tf.add(
      tf.mean(tf.mul(tf.square(tf.sub(1, dReal)), gReal)),
      tf.mean(tf.mul(tf.square(dFake), gFake)),
    ) as tf.Scalar;
  });
}

export function roth(options: RothOptions = {}): Regularizer {
  const { params, identity } = parseRegularizerOptions("roth", rothSchema, options);
  return Object.freeze({
    name: "roth",
    ...identity,
    requires: Object.freeze({ lossOutput: "probability" as const }),
    penalty(ctx: PenaltyContext): tf.Scalar {
      const gamma = scheduleValue(params.gamma, ctx.step, ctx.totalSteps);
      return tf.tidy(() => tf.mul(gamma / 2, rothOmega(ctx)) as tf.Scalar);
    },
  });
}
