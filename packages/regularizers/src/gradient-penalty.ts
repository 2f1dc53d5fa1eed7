// WGAN-GP (Gulrajani et al. 2017, Algorithm 1): λ·E[(‖∇ₓ̂ φ(x̂)‖₂ − 1)²] at x̂ = α·x_real + (1 − α)·x_fake,
// one α ~ U[0, 1] per sample from the regularizer's own stream. Pulls the critic's gradient norm to 1
// along lines between real and fake points, a soft 1-Lipschitz constraint for the Wasserstein critic.
// `oneSided` penalises only norms above the target (max(0, ‖∇‖ − 1)², the paper's alternative);
// `target` changes the norm (e.g. 750 for progressive GANs' γ). A conditional critic is evaluated at x̂
// with the real batch's labels. The norm is √(Σg² + 1e-12), so its gradient stays finite at g = 0.
import { runScheduleSchema, scheduleValue, tf, z, type PenaltyContext, type Regularizer } from "@gantry/core";
import { inputGradient, squaredNormPerSample } from "./input-gradient.js";
import { parseRegularizerOptions, type RegularizerIdentity } from "./regularizer-options.js";

export const gradientPenaltySchema = z.object({
  weight: runScheduleSchema.default(10).describe("λ (the paper: 10)"),
  target: z.number().nonnegative().default(1).describe("the gradient norm pulled towards (1: 1-Lipschitz)"),
  oneSided: z.boolean().default(false).describe("penalise only norms above target: max(0, ‖∇‖ − target)²"),
}).strict();

export type GradientPenaltyOptions = z.input<typeof gradientPenaltySchema> & RegularizerIdentity;

const NORM_EPS = 1e-12;

/** E[(‖∇φ(x̂)‖ − target)²] (or its one-sided form) at x̂ = α·real + (1 − α)·fake; α is [N]. Without λ. */
export function interpolatedGradientPenalty(
  phi: (x: tf.Tensor) => tf.Tensor, real: tf.Tensor, fake: tf.Tensor, alpha: tf.Tensor,
  options: { readonly target: number; readonly oneSided: boolean },
): tf.Scalar {
  return tf.tidy(() => {
    const a = tf.reshape(alpha, [real.shape[0], ...real.shape.slice(1).map(() => 1)]);
    const xHat = tf.add(tf.mul(a, real), tf.mul(tf.sub(1, a), fake));
    const norm = tf.sqrt(tf.add(squaredNormPerSample(inputGradient(phi, xHat)), NORM_EPS));
    const gap = tf.sub(norm, options.target);
    return tf.mean(tf.square(options.oneSided ? tf.relu(gap) : gap)) as tf.Scalar;
  });
}

export function gradientPenalty(options: GradientPenaltyOptions = {}): Regularizer {
  const { params, identity } = parseRegularizerOptions("gradient-penalty", gradientPenaltySchema, options);
  return Object.freeze({
    name: "gradient-penalty",
    ...identity,
    penalty(ctx: PenaltyContext): tf.Scalar {
      const weight = scheduleValue(params.weight, ctx.step, ctx.totalSteps);
      return tf.tidy(() => {
        const alpha = ctx.rng.uniform([ctx.real.shape[0]]);
        return tf.mul(weight, interpolatedGradientPenalty((x) => ctx.discriminator(x, "real"), ctx.real, ctx.fake, alpha, params)) as tf.Scalar;
      });
    },
  });
}
