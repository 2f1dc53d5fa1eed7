// Least-squares loss (LSGAN, Mao et al. 2017, eq. 2) on D's raw outputs f: D minimises
// ½E(f_r − b)² + ½E(f_f − a)², G minimises ½E(f_f − c)². Defaults a = −1, b = 1, c = 1 put D's
// decision boundary at 0, like a logit's, so accuracy diagnostics hold; eq. 9's 0-1 coding is a = 0.
import { tf, z, type AdversarialLoss } from "@gantry/core";

export const leastSquaresSchema = z.object({
  realTarget: z.number().default(1).describe("b: D's target for real samples"),
  fakeTarget: z.number().default(-1).describe("a: D's target for fake samples"),
  generatorTarget: z.number().default(1).describe("c: the value G wants D to output on fakes"),
}).strict();
export type LeastSquaresOptions = z.input<typeof leastSquaresSchema>;

/** ½ E (x − target)² */
function halfMeanSquare(x: tf.Tensor, target: number): tf.Scalar {
  return tf.tidy(() => tf.mul(0.5, tf.mean(tf.square(tf.sub(x, target)))) as tf.Scalar);
}

export function leastSquares(options: LeastSquaresOptions = {}): AdversarialLoss {
  const { realTarget, fakeTarget, generatorTarget } = leastSquaresSchema.parse(options);
  return Object.freeze({
    output: "probability" as const,
    discriminator: (realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar =>
      tf.tidy(() => tf.add(halfMeanSquare(realLogits, realTarget), halfMeanSquare(fakeLogits, fakeTarget)) as tf.Scalar),
    generator: (fakeLogits: tf.Tensor): tf.Scalar => halfMeanSquare(fakeLogits, generatorTarget),
  });
}
