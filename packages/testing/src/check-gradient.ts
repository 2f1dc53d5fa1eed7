// Central finite-difference checks of TF.js gradients for a scalar function of one tensor (DESIGN.md
// §7): order 1 differences f, order 2 differences the float32 first-order gradient along directions
// (Hessian-vector products). Small tensors only: order 1 costs 2·x.size evaluations of f.
import { Rng, tf } from "@gantry/core";
import { compareElementwise, type GradientCheckResult } from "./gradient-check-result.js";
import { jsScope } from "./js-scope.js";

export type ScalarFunction = (x: tf.Tensor) => tf.Tensor;

export interface CheckGradientOptions {
  /** 1: ∇f against differences of f; 2: H·v against differences of ∇f. Default 1. */
  readonly order?: 1 | 2;
  /**
   * Finite-difference step. Default 1e-2 for order 1 (float32 round-off in f, ~6e-8·|f|/eps, stays
   * below 1e-3) and 1e-3 for order 2 (the step is eps·v with v of norm ~√n, and truncation grows as
   * eps²·‖v‖²; the differenced float32 gradient is accurate enough for 1e-3).
   */
  readonly eps?: number;
  /** Relative tolerance. Default 1e-3 for order 1, 1e-2 for order 2 (DESIGN.md §7). */
  readonly rtol?: number;
  /** Absolute tolerance. Default 1e-3 for order 1, 1e-2 for order 2. */
  readonly atol?: number;
  /** Order 2: random directions besides the all-ones one (the gradient of the gradient's sum). Default 2. */
  readonly directions?: number;
  readonly seed?: number;
}

export function checkGradient(f: ScalarFunction, x: tf.Tensor, options: CheckGradientOptions = {}): GradientCheckResult {
  const order = options.order ?? 1;
  const tol = { rtol: options.rtol ?? (order === 1 ? 1e-3 : 1e-2), atol: options.atol ?? (order === 1 ? 1e-3 : 1e-2) };
  const eps = options.eps ?? (order === 1 ? 1e-2 : 1e-3);
  const base = Float32Array.from(x.dataSync());
  if (order === 1) {
    const label = "first-order gradient";
    const analytic = orFailure(() => analyticGradient(f, x));
    return analytic instanceof Error ? failedResult(label, analytic) : compareElementwise(label, analytic, numericGradient(f, base, x.shape, eps), tol);
  }
  const dirs = directionsFor(base.length, options.directions ?? 2, options.seed ?? 1);
  const label = `second-order gradient (H·v, ${dirs.length} directions)`;
  const analytic = orFailure(() => concat(dirs.map((v) => hessianVector(f, x, v))));
  if (analytic instanceof Error) return failedResult(label, analytic);
  const numeric = concat(dirs.map((v) => numericHessianVector(f, base, x.shape, v, eps)));
  return compareElementwise(label, analytic, numeric, tol);
}

/** TF.js throws when the gradient is disconnected ("Cannot compute gradient of y=f(x)…"): a failed check. */
function orFailure(fn: () => Float64Array): Float64Array | Error {
  try {
    return fn();
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

function failedResult(label: string, error: Error): GradientCheckResult {
  const empty = new Float64Array(0);
  return { ok: false, analytic: empty, numeric: empty, maxAbsError: NaN, maxRelError: NaN, worstIndex: -1, message: `${label}: FAILED; TF.js threw: ${error.message}` };
}

function valueAt(f: ScalarFunction, data: Float32Array, shape: readonly number[]): number {
  return jsScope(() => f(tf.tensor(data, shape as number[])).dataSync()[0]);
}

function analyticGradient(f: ScalarFunction, x: tf.Tensor): Float64Array {
  return jsScope(() => Float64Array.from(tf.grad(f)(x).dataSync()));
}

/** (f(x + h eᵢ) − f(x − h eᵢ)) / (x₊ − x₋), dividing by the step float32 actually took. */
function numericGradient(f: ScalarFunction, base: Float32Array, shape: readonly number[], eps: number): Float64Array {
  const out = new Float64Array(base.length);
  const probe = Float32Array.from(base);
  for (let i = 0; i < base.length; i++) {
    probe[i] = base[i] + eps;
    const plus = probe[i];
    const fPlus = valueAt(f, probe, shape);
    probe[i] = base[i] - eps;
    const minus = probe[i];
    const fMinus = valueAt(f, probe, shape);
    probe[i] = base[i];
    out[i] = (fPlus - fMinus) / (plus - minus);
  }
  return out;
}

/** H·v = ∇ₓ⟨∇f(x), v⟩ (H is symmetric), by TF.js's second-order gradient. */
function hessianVector(f: ScalarFunction, x: tf.Tensor, v: Float64Array): Float64Array {
  return jsScope(() => {
    const vt = tf.tensor(Float32Array.from(v), x.shape);
    return Float64Array.from(tf.grad((y: tf.Tensor) => tf.sum(tf.mul(tf.grad(f)(y), vt)))(x).dataSync());
  });
}

/** (∇f(x + εv) − ∇f(x − εv)) / 2ε on the float32 first-order gradient. */
function numericHessianVector(f: ScalarFunction, base: Float32Array, shape: readonly number[], v: Float64Array, eps: number): Float64Array {
  const gradAt = (sign: number) => jsScope(() => {
    const shifted = base.map((b, i) => b + sign * eps * v[i]);
    return tf.grad(f)(tf.tensor(shifted, shape as number[])).dataSync();
  });
  const plus = gradAt(1);
  const minus = gradAt(-1);
  return Float64Array.from(plus, (p, i) => (p - minus[i]) / (2 * eps));
}

/** The all-ones direction, then `count` seeded standard-normal directions. */
function directionsFor(size: number, count: number, seed: number): Float64Array[] {
  const rng = Rng.seeded(seed);
  const random = Array.from({ length: count }, () => Float64Array.from({ length: size }, () => rng.nextNormal()));
  return [new Float64Array(size).fill(1), ...random];
}

function concat(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) { out.set(p, offset); offset += p.length; }
  return out;
}
