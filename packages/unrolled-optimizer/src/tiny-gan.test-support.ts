// Test support (not exported): a tiny MLP GAN on 8 ring points whose G loss after a look-ahead can be
// evaluated as a function of θ_G alone (flattened to one vector for finite differences), with the
// look-ahead context built the way `alternating`'s generator step builds it.
import { Rng, adam, applyUpdates, disposeParams, sgd, tf, type Lookahead, type LookaheadContext, type Optimizer, type Params } from "@gantry/core";
import { nonSaturating } from "@gantry/losses";
import { mlp, type MlpActivation } from "@gantry/models";

const loss = nonSaturating();

export interface TinyGan {
  readonly gParams: Params;
  readonly dParams: Params;
  readonly dOptimizer: Optimizer;
  readonly dOptState: Params;
  readonly z: tf.Tensor;
  readonly real: tf.Tensor;
  readonly generate: (gParams: Params) => tf.Tensor;
  readonly logits: (dParams: Params, x: tf.Tensor) => tf.Tensor;
}

export type TinyOptimizer = "sgd" | "adam";

/**
 * G 2→4→2 and D 2→5→1 with the given hidden activation, 8 samples. D's optimizer state is warmed by
 * `warmup` ordinary D steps (an Adam state at count 0 makes the first update ≈ −lr·sign(g), whose
 * derivative w.r.t. θ_G vanishes, so the second-order term would be invisible).
 */
export function tinyGan(activation: MlpActivation, optimizer: TinyOptimizer, seed = 1, warmup = 3): TinyGan {
  const rng = Rng.seeded(seed);
  const G = mlp({ input: 2, hidden: [4], output: 2, activation });
  const D = mlp({ input: 2, hidden: [5], output: 1, activation });
  const gParams = G.init(rng.split("g")).params;
  const angles = Array.from({ length: 8 }, (_, i) => (2 * Math.PI * i) / 8);
  const real = tf.tensor2d(angles.flatMap((a) => [2 * Math.cos(a) + 0.1 * rng.nextNormal(), 2 * Math.sin(a) + 0.1 * rng.nextNormal()]), [8, 2]);
  const z = rng.split("z").normal([8, 2]);
  const dOptimizer = optimizer === "sgd" ? sgd({ lr: 0.5 }) : adam({ lr: 0.05, betas: [0.5, 0.999] });
  const generate = (gp: Params) => G.apply(gp, {}, z, { training: true }).y;
  const logits = (dp: Params, x: tf.Tensor) => D.apply(dp, {}, x, { training: true }).y;
  let dParams = D.init(rng.split("d")).params;
  let dOptState = dOptimizer.init(dParams);
  for (let i = 0; i < warmup; i++) {
    const next = tf.tidy(() => {
      const fake = generate(gParams);
      const names = Object.keys(dParams);
      const grads = tf.grads((...ps: tf.Tensor[]) => {
        const p = Object.fromEntries(names.map((n, j) => [n, ps[j]]));
        return loss.discriminator(logits(p, real), logits(p, fake));
      })(names.map((n) => dParams[n]));
      const { updates, state } = dOptimizer.update(Object.fromEntries(names.map((n, j) => [n, grads[j]])), dOptState, dParams, 0);
      return { params: applyUpdates(dParams, updates), state };
    });
    disposeParams(dParams, dOptState);
    dParams = next.params;
    dOptState = next.state;
  }
  return { gParams, dParams, dOptimizer, dOptState, z, real, generate, logits };
}

export function disposeTinyGan(gan: TinyGan): void {
  disposeParams(gan.gParams, gan.dParams, gan.dOptState);
  tf.dispose([gan.z, gan.real]);
}

/** The look-ahead context of the G step at θ_G = gp: D's loss on (real, G(gp)), with no network state. Call in tf.tidy. */
export function contextAt(gan: TinyGan, gp: Params): LookaheadContext {
  return contextWithFakes(gan, gan.generate(gp));
}

/** The look-ahead context for given fakes (the caller owns them). */
export function contextWithFakes(gan: TinyGan, fake: tf.Tensor): LookaheadContext {
  return {
    dParams: gan.dParams, dState: {}, dOptState: gan.dOptState, dOptimizer: gan.dOptimizer, step: 0,
    dLoss: (p, state) => ({ loss: loss.discriminator(gan.logits(p, gan.real), gan.logits(p, fake)), state }),
  };
}

/** L_G(θ_G, θ_D^K(θ_G)): the non-saturating G loss against D after the look-ahead. */
export function surrogateLoss(gan: TinyGan, lookahead: Lookahead, gp: Params): tf.Scalar {
  return tf.tidy(() => {
    const ahead = lookahead.unroll(contextAt(gan, gp));
    return loss.generator(gan.logits(ahead.params, gan.generate(gp)), gan.logits(ahead.params, gan.real));
  });
}

/** L_G(θ_G, fixed θ_D): the G loss against given D params. */
export function lossAgainst(gan: TinyGan, dParams: Params, gp: Params): tf.Scalar {
  return tf.tidy(() => loss.generator(gan.logits(dParams, gan.generate(gp)), gan.logits(dParams, gan.real)));
}

/** θ_G as one vector, and back: what checkGradient differentiates. */
export function flatParams(p: Params): { readonly vector: tf.Tensor1D; readonly unflatten: (v: tf.Tensor) => Params } {
  const names = Object.keys(p).sort();
  const sizes = names.map((n) => p[n].size);
  const vector = tf.tidy(() => tf.concat(names.map((n) => tf.reshape(p[n], [-1]))) as tf.Tensor1D);
  const unflatten = (v: tf.Tensor): Params => {
    const parts = tf.split(v, sizes);
    return Object.fromEntries(names.map((n, i) => [n, tf.reshape(parts[i], p[n].shape)]));
  };
  return { vector, unflatten };
}
