// The zero-centred gradient penalties of Mescheder et al. 2018 ("Which Training Methods for GANs do
// actually Converge?", eq. 9–10): R1 = (γ/2)·E_real‖∇ₓφ(x)‖², R2 = (γ/2)·E_fake‖∇ₓφ(x)‖². R1 makes
// simultaneous gradient descent locally convergent where unregularised GANs and WGAN-GP cycle; it is
// StyleGAN's default (γ = 10 here, as in that paper's CIFAR/ring settings). A conditional D is
// differentiated w.r.t. x with its labels held fixed (the batch's own labels).
import { runScheduleSchema, scheduleValue, tf, z, type PenaltyContext, type PenaltyLabels, type Regularizer } from "@gantry/core";
import { inputGradient, squaredNormPerSample } from "./input-gradient.js";
import { parseRegularizerOptions, type RegularizerIdentity } from "./regularizer-options.js";

export const zeroCenteredPenaltySchema = z.object({
  gamma: runScheduleSchema.default(10).describe("γ: the penalty is (γ/2)·E‖∇ₓφ(x)‖²"),
}).strict();

export type ZeroCenteredPenaltyOptions = z.input<typeof zeroCenteredPenaltySchema> & RegularizerIdentity;

/** E‖∇ₓφ(x)‖² over the real or the fake batch, without γ/2. */
export function meanSquaredInputGradient(ctx: Pick<PenaltyContext, "discriminator" | "real" | "fake">, on: PenaltyLabels): tf.Scalar {
  return tf.tidy(() => tf.mean(squaredNormPerSample(inputGradient((x) => ctx.discriminator(x, on), on === "real" ? ctx.real : ctx.fake))) as tf.Scalar);
}

function zeroCentered(name: "r1" | "r2", on: PenaltyLabels, options: ZeroCenteredPenaltyOptions): Regularizer {
  const { params, identity } = parseRegularizerOptions(name, zeroCenteredPenaltySchema, options);
  return Object.freeze({
    name,
    ...identity,
    penalty(ctx: PenaltyContext): tf.Scalar {
      const gamma = scheduleValue(params.gamma, ctx.step, ctx.totalSteps);
      return tf.tidy(() => tf.mul(gamma / 2, meanSquaredInputGradient(ctx, on)) as tf.Scalar);
    },
  });
}

/** R1: the penalty on real data. */
export function r1(options: ZeroCenteredPenaltyOptions = {}): Regularizer {
  return zeroCentered("r1", "real", options);
}

/** R2: the penalty on generated data. */
export function r2(options: ZeroCenteredPenaltyOptions = {}): Regularizer {
  return zeroCentered("r2", "fake", options);
}
