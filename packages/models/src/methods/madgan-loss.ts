// The default loss and diagnostics of `madgan`: the MAD-GAN (k + 1)-way loss (Ghosh et al. 2018, eq. 2
// with the non-saturating G term of the authors' code), computed exactly as @gantry/losses' `madGan`,
// `realVoteShares` and `multiGeneratorAccuracy` (a test checks equality): plugins may not import each other.
import { tf } from "@gantry/core";
import type { MultiGeneratorLoss } from "@gantry/core";

/** log softmax as l − logSumExp(l): tf.logSoftmax's second-order gradient is wrong in TF.js 4.22 (ADR 0004). */
const logSoftmax = (l: tf.Tensor): tf.Tensor => tf.sub(l, tf.logSumExp(l, -1, true));

/** Mean over rows of −Σⱼ tⱼ·log softmax(l)ⱼ. */
const crossEntropy = (l: tf.Tensor, target: readonly number[]): tf.Scalar =>
  tf.neg(tf.mean(tf.sum(tf.mul(logSoftmax(l), tf.tensor1d([...target])), -1))) as tf.Scalar;

/** Column 0 of log softmax(l) per row: log D_real. */
const logReal = (l: tf.Tensor): tf.Tensor => tf.reshape(tf.slice(logSoftmax(l), [0, 0], [-1, 1]), [-1]);

/**
 * D minimises CE(real, (1 − s, s/k, …, s/k)) + Σᵢ CE(fakeᵢ, e_{i+1}); Gᵢ minimises −E log D_real(Gᵢ(z)).
 * Shapes are the method's to check (it checks D's width once, at construction).
 */
export function defaultMadGanLoss(k: number, labelSmoothing: number): MultiGeneratorLoss {
  const realTarget = [1 - labelSmoothing, ...Array.from({ length: k }, () => labelSmoothing / k)];
  const oneHot = (c: number) => Array.from({ length: k + 1 }, (_, j) => (j === c ? 1 : 0));
  return Object.freeze({
    generators: k,
    discriminator: (real: tf.Tensor, fakes: readonly tf.Tensor[]) =>
      tf.tidy(() => tf.addN([crossEntropy(real, realTarget), ...fakes.map((f, i) => crossEntropy(f, oneHot(i + 1)))]) as tf.Scalar),
    generator: (_index: number, fake: tf.Tensor) => tf.tidy(() => tf.neg(tf.mean(logReal(fake))) as tf.Scalar),
    realProbability: (logits: tf.Tensor) => tf.tidy(() => tf.exp(logReal(logits)) as tf.Tensor1D),
  });
}

/** φ = l₀ − logSumExp(l₁ … l_k), the log-odds of "real" against "any generator"; [N, 1]. */
export function realLogOdds(logits: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const k = logits.shape[1]! - 1;
    return tf.sub(tf.slice(logits, [0, 0], [-1, 1]), tf.logSumExp(tf.slice(logits, [0, 1], [-1, k]), -1, true));
  });
}

/** Each generator's mean softmax P(real) from D: near 0 when D sees through it, 1/(k + 1) at equilibrium. */
export function realShares(fakes: readonly tf.Tensor[]): tf.Scalar[] {
  return fakes.map((f) => tf.tidy(() => tf.mean(tf.exp(logReal(f))) as tf.Scalar));
}

/** D's (k + 1)-way argmax accuracy, averaged over the k + 1 sources (ties to the lower column). */
export function classAccuracy(real: tf.Tensor, fakes: readonly tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => {
    const hit = (l: tf.Tensor, c: number) => tf.mean(tf.cast(tf.equal(tf.argMax(l, 1), c), "float32"));
    return tf.div(tf.addN([hit(real, 0), ...fakes.map((f, i) => hit(f, i + 1))]), fakes.length + 1) as tf.Scalar;
  });
}
