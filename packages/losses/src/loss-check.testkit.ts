// Test support (not exported): checks an AdversarialLoss against a float64 JS reference — values,
// first-order gradients (central differences of the float64 reference, h = 1e-6, essentially exact),
// second-order directional derivatives, and finite differences of the float32 loss itself.
import { tf, type AdversarialLoss } from "@gantry/core";
import { expect } from "vitest";

export type Ref = (a: readonly number[], b: readonly number[]) => number;
export interface LossReference { readonly discriminator: Ref; readonly generator: Ref }

/** Stable float64 softplus log(1 + eˣ). */
export const softplus = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
export const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

type Term = "discriminator" | "generator";

/**
 * The loss term as a function of (first, second) argument tensors, in the interface's order. The added
 * 0·(Σa² + Σb²) changes no value or derivative; it only connects both inputs to the output so tf.grads
 * accepts terms that ignore one (G's non-relativistic losses) or are linear (second order of Wasserstein).
 */
function lossFn(loss: AdversarialLoss, term: Term) {
  return (a: tf.Tensor, b: tf.Tensor): tf.Scalar =>
    tf.add(loss[term](a, b), tf.mul(0, tf.add(tf.sum(tf.square(a)), tf.sum(tf.square(b))))) as tf.Scalar;
}

/** ∂ref/∂aᵢ and ∂ref/∂bᵢ by central differences in float64. */
function refGradient(ref: Ref, a: readonly number[], b: readonly number[], h = 1e-6): [number[], number[]] {
  const da = a.map((_, i) => (ref(a.map((v, j) => (j === i ? v + h : v)), b) - ref(a.map((v, j) => (j === i ? v - h : v)), b)) / (2 * h));
  const db = b.map((_, i) => (ref(a, b.map((v, j) => (j === i ? v + h : v))) - ref(a, b.map((v, j) => (j === i ? v - h : v)))) / (2 * h));
  return [da, db];
}

function closeTo(actual: ArrayLike<number>, expected: readonly number[], abs: number, rel: number, label: string): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Number.isFinite(actual[i]), `${label}[${i}] finite`).toBe(true);
    expect(Math.abs(actual[i] - expected[i]), `${label}[${i}]: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(abs + rel * Math.abs(expected[i]));
  }
}

/**
 * Value and first-order gradient of one term against the reference. Tolerances: float32 has ~6e-8
 * relative precision; means over ≤ 16 elements and softplus's own error keep results within ~1e-6
 * relative, so 1e-5 relative + 1e-6 absolute leaves margin without hiding a wrong formula.
 */
export function checkTerm(loss: AdversarialLoss, ref: LossReference, term: Term, a: readonly number[], b: readonly number[]): void {
  const f = lossFn(loss, term);
  const [ta, tb] = [tf.tensor1d([...a]), tf.tensor1d([...b])];
  const value = tf.tidy(() => f(ta, tb).dataSync()[0]);
  closeTo([value], [ref[term](a, b)], 1e-6, 1e-5, `${term} value`);
  const [ga, gb] = tf.tidy(() => tf.grads((x: tf.Tensor, y: tf.Tensor) => f(x, y))([ta, tb]).map((g) => g.dataSync()));
  const [ea, eb] = refGradient(ref[term], a, b);
  closeTo(ga, ea, 1e-6, 1e-4, `${term} ∂/∂first`);
  closeTo(gb, eb, 1e-6, 1e-4, `${term} ∂/∂second`);
  tf.dispose([ta, tb]);
}

/**
 * Finite differences of the float32 loss itself (step 1e-2, central) against its TF.js gradient. Error
 * budget: O(h²·f‴) ≈ 1e-4·|f‴| plus round-off ≈ 6e-8·|L|/h ≈ 1e-5, hence 1e-3 absolute.
 */
export function checkFiniteDifferences(loss: AdversarialLoss, term: Term, a: readonly number[], b: readonly number[]): void {
  const f = lossFn(loss, term);
  const h = 1e-2;
  const at = (x: readonly number[], y: readonly number[]): number => tf.tidy(() => f(tf.tensor1d([...x]), tf.tensor1d([...y])).dataSync()[0]);
  const shift = (xs: readonly number[], i: number, d: number) => xs.map((v, j) => (j === i ? v + d : v));
  const fd = [a.map((_, i) => (at(shift(a, i, h), b) - at(shift(a, i, -h), b)) / (2 * h)),
    b.map((_, i) => (at(a, shift(b, i, h)) - at(a, shift(b, i, -h))) / (2 * h))];
  const grads = tf.tidy(() => tf.grads((x: tf.Tensor, y: tf.Tensor) => f(x, y))([tf.tensor1d([...a]), tf.tensor1d([...b])]).map((g) => g.dataSync()));
  closeTo(grads[0], fd[0], 1e-3, 0, `${term} fd ∂/∂first`);
  closeTo(grads[1], fd[1], 1e-3, 0, `${term} fd ∂/∂second`);
}

/**
 * Second order: the directional derivative d/dε ⟨∇L(x + εv), v⟩ from TF.js's gradient-of-gradient
 * against float64 differences of the reference gradient (step 1e-4); 1e-3 relative + 1e-5 absolute.
 */
export function checkSecondOrder(loss: AdversarialLoss, ref: LossReference, term: Term, a: readonly number[], b: readonly number[]): void {
  const f = lossFn(loss, term);
  const va = a.map((_, i) => Math.cos(1 + i));
  const vb = b.map((_, i) => Math.sin(2 + i));
  const got = tf.tidy(() => {
    const vA = tf.tensor1d(va);
    const vB = tf.tensor1d(vb);
    const dirGrad = (x: tf.Tensor, y: tf.Tensor): tf.Scalar => {
      const [gx, gy] = tf.grads((p: tf.Tensor, q: tf.Tensor) => f(p, q))([x, y]);
      return tf.add(tf.sum(tf.mul(gx, vA)), tf.sum(tf.mul(gy, vB))) as tf.Scalar;
    };
    const [hx, hy] = tf.grads(dirGrad)([tf.tensor1d([...a]), tf.tensor1d([...b])]);
    return tf.add(tf.sum(tf.mul(hx, vA)), tf.sum(tf.mul(hy, vB))).dataSync()[0];
  });
  const e = 1e-4;
  const dir = (s: number): number => {
    const [ga, gb] = refGradient(ref[term], a.map((x, i) => x + s * va[i]), b.map((x, i) => x + s * vb[i]), 1e-5);
    return ga.reduce((t, g, i) => t + g * va[i], 0) + gb.reduce((t, g, i) => t + g * vb[i], 0);
  };
  const expected = (dir(e) - dir(-e)) / (2 * e);
  closeTo([got], [expected], 1e-5, 1e-3, `${term} second order`);
}

/** Both terms at ordinary and at extreme logits (±50: every value and gradient must stay finite). */
export function checkLoss(loss: AdversarialLoss, ref: LossReference, opts: { secondOrder?: boolean } = {}): void {
  const real = [2.1, -0.4, 0.3, 3.2, -1.7, 0.9];
  const fake = [-1.3, 0.6, -2.6, 0.15, 1.4, -0.35];
  for (const term of ["discriminator", "generator"] as const) {
    const [a, b] = term === "discriminator" ? [real, fake] : [fake, real];
    checkTerm(loss, ref, term, a, b);
    checkFiniteDifferences(loss, term, a, b);
    if (opts.secondOrder !== false) checkSecondOrder(loss, ref, term, a, b);
    checkTerm(loss, ref, term, [50, -50, 49.5, -49.5], [-50, 50, 48, -48]);
  }
}
