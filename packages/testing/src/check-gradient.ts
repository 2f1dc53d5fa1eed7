// Central finite-difference checks of TF.js gradients for a scalar function of one tensor
// (docs/architecture.md, numerical checks): order 1 differences f, order 2 differences the float32 first-order gradient along directions
// (Hessian-vector products). Small tensors only: order 1 costs 2·x.size evaluations of f.
import { Rng, tf } from "@gantry/core";
import { compareElementwise, type GradientCheckResult } from "./gradient-check-result.js";
import { firstElement, readTidy } from "./read-tidy.js";

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
  /** Relative tolerance. Default 1e-3 for order 1, 1e-2 for order 2 (docs/architecture.md). */
  readonly rtol?: number;
  /** Absolute tolerance. Default 1e-3 for order 1, 1e-2 for order 2. */
  readonly atol?: number;
  /** Order 2: random directions besides the all-ones one (the gradient of the gradient's sum). Default 2. */
  readonly directions?: number;
  readonly seed?: number;
}

/** Reads tensors with `await` only, so it runs on every backend, webgpu included. */
export async function checkGradient(f: ScalarFunction, x: tf.Tensor, options: CheckGradientOptions = {}): Promise<GradientCheckResult> {
  const order = options.order ?? 1;
  const tol = { rtol: options.rtol ?? (order === 1 ? 1e-3 : 1e-2), atol: options.atol ?? (order === 1 ? 1e-3 : 1e-2) };
  const eps = options.eps ?? (order === 1 ? 1e-2 : 1e-3);
  const base = Float32Array.from(await x.data());
  if (order === 1) {
    const label = "first-order gradient";
    const analytic = await orFailure(() => readTidy(() => tf.grad(f)(x)));
    return analytic instanceof Error ? failedResult(label, analytic) : compareElementwise(label, analytic, await numericGradient(f, base, x.shape, eps), tol);
  }
  const dirs = directionsFor(base.length, options.directions ?? 2, options.seed ?? 1);
  const label = `second-order gradient (H·v, ${dirs.length} directions)`;
  const analytic = await orFailure(() => readTidy(() => tf.concat(dirs.map((v) => hessianVector(f, x, v)))));
  if (analytic instanceof Error) return failedResult(label, analytic);
  const numeric = await numericHessianVectors(f, base, x.shape, dirs, eps);
  return compareElementwise(label, analytic, numeric, tol);
}

/** TF.js throws when the gradient is disconnected ("Cannot compute gradient of y=f(x)…"): a failed check. */
async function orFailure(fn: () => Promise<Float64Array>): Promise<Float64Array | Error> {
  try {
    return await fn();
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

function failedResult(label: string, error: Error): GradientCheckResult {
  const empty = new Float64Array(0);
  return { ok: false, analytic: empty, numeric: empty, maxAbsError: NaN, maxRelError: NaN, worstIndex: -1, message: `${label}: FAILED; TF.js threw: ${error.message}` };
}

/** Evaluations of f batched into one read: few enough that the tidy's intermediates stay small. */
const PER_READ = 32;

/** f at each point, PER_READ evaluations per device read (each its own graph, as if evaluated alone). */
async function valuesAt(f: ScalarFunction, points: readonly Float32Array[], shape: readonly number[]): Promise<Float64Array> {
  const out = new Float64Array(points.length);
  for (let i = 0; i < points.length; i += PER_READ) {
    const part = points.slice(i, i + PER_READ);
    out.set(await readTidy(() => tf.concat(part.map((p) => firstElement(f(tf.tensor(p, shape as number[])))))), i);
  }
  return out;
}

/** (f(x + h eᵢ) − f(x − h eᵢ)) / (x₊ − x₋), dividing by the step float32 actually took. */
async function numericGradient(f: ScalarFunction, base: Float32Array, shape: readonly number[], eps: number): Promise<Float64Array> {
  const points: Float32Array[] = [];
  for (let i = 0; i < base.length; i++) {
    for (const sign of [1, -1]) {
      const probe = Float32Array.from(base);
      probe[i] = base[i] + sign * eps;
      points.push(probe);
    }
  }
  const values = await valuesAt(f, points, shape);
  return Float64Array.from(base, (_, i) => (values[2 * i] - values[2 * i + 1]) / (points[2 * i][i] - points[2 * i + 1][i]));
}

/** H·v = ∇ₓ⟨∇f(x), v⟩ (H is symmetric), by TF.js's second-order gradient, flattened. */
function hessianVector(f: ScalarFunction, x: tf.Tensor, v: Float64Array): tf.Tensor {
  const vt = tf.tensor(Float32Array.from(v), x.shape);
  return tf.reshape(tf.grad((y: tf.Tensor) => tf.sum(tf.mul(tf.grad(f)(y), vt)))(x), [-1]);
}

/** (∇f(x + εv) − ∇f(x − εv)) / 2ε on the float32 first-order gradient, for each direction, concatenated. */
async function numericHessianVectors(f: ScalarFunction, base: Float32Array, shape: readonly number[], dirs: readonly Float64Array[], eps: number): Promise<Float64Array> {
  const n = base.length;
  const gradAt = (v: Float64Array, sign: number) => tf.reshape(tf.grad(f)(tf.tensor(base.map((b, i) => b + sign * eps * v[i]), shape as number[])), [-1]);
  const grads = await readTidy(() => tf.concat(dirs.flatMap((v) => [gradAt(v, 1), gradAt(v, -1)])));
  const out = new Float64Array(dirs.length * n);
  for (let d = 0; d < dirs.length; d++) {
    for (let i = 0; i < n; i++) out[d * n + i] = (grads[2 * d * n + i] - grads[(2 * d + 1) * n + i]) / (2 * eps);
  }
  return out;
}

/** The all-ones direction, then `count` seeded standard-normal directions. */
function directionsFor(size: number, count: number, seed: number): Float64Array[] {
  const rng = Rng.seeded(seed);
  const random = Array.from({ length: count }, () => Float64Array.from({ length: size }, () => rng.nextNormal()));
  return [new Float64Array(size).fill(1), ...random];
}
