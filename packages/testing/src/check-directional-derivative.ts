// Random directional-derivative check for functions of many parameters (docs/architecture.md): compares
// ⟨∇f(θ), d⟩ from TF.js with (f(θ + εd) − f(θ − εd)) / 2ε for unit directions d, and judges the
// relative norm ‖a − n‖/‖n‖ over all directions, not elements. f may itself contain gradients.
import { Rng, tf, type Params } from "@gantry/core";
import type { GradientCheckResult } from "./gradient-check-result.js";
import { firstElement, readTidy } from "./read-tidy.js";

export type ParamsFunction = (p: Params) => tf.Tensor;

export interface CheckDirectionalDerivativeOptions {
  /** Number of random directions. Default 4. */
  readonly directions?: number;
  /** Step along each unit-norm direction. Default 1e-2 (float32 round-off ~6e-8·|f|/eps). */
  readonly eps?: number;
  /** Bound on ‖analytic − numeric‖ / max(‖numeric‖, atol). Default 1e-2. */
  readonly rtol?: number;
  /** Floor of the denominator, for functions whose derivative is ~0 in every direction. Default 1e-6. */
  readonly atol?: number;
  readonly seed?: number;
}

/** Reads tensors with `await` only (two device reads in all), so it runs on every backend, webgpu included. */
export async function checkDirectionalDerivative(f: ParamsFunction, params: Params, options: CheckDirectionalDerivativeOptions = {}): Promise<GradientCheckResult> {
  const eps = options.eps ?? 1e-2;
  const rtol = options.rtol ?? 1e-2;
  const atol = options.atol ?? 1e-6;
  const names = Object.keys(params).sort();
  const grads = await analyticGradients(f, params, names);
  const rng = Rng.seeded(options.seed ?? 1);
  const dirs = Array.from({ length: options.directions ?? 4 }, () => unitDirection(rng, names.map((n) => params[n].size)));
  const values = await valuesAlong(f, params, names, dirs.flatMap((d) => [{ dir: d, step: eps }, { dir: d, step: -eps }]));
  const analytic = Float64Array.from(dirs, (d) => dot(grads, d));
  const numeric = Float64Array.from(dirs, (_, k) => (values[2 * k] - values[2 * k + 1]) / (2 * eps));
  return judge(analytic, numeric, rtol, atol);
}

/** ∇f per parameter; a parameter f does not depend on (a critic's last bias under a gradient penalty) gets zeros. */
async function analyticGradients(f: ParamsFunction, params: Params, names: readonly string[]): Promise<Float64Array[]> {
  const xs = names.map((n) => params[n]);
  const flat = await readTidy(() => {
    // engine().gradients with allowNoGradients: tf.grads would throw for an unused parameter.
    const { grads } = tf.engine().gradients(() => f(params), xs, undefined, true);
    return tf.concat(grads.map((g, i) => (g ? tf.reshape(g, [-1]) : tf.zeros([xs[i].size]))));
  });
  let offset = 0;
  return xs.map((x) => flat.slice(offset, (offset += x.size)));
}

/** A standard-normal direction over all parameters, scaled to unit global norm. */
function unitDirection(rng: Rng, sizes: readonly number[]): Float64Array[] {
  const parts = sizes.map((s) => Float64Array.from({ length: s }, () => rng.nextNormal()));
  const norm = Math.sqrt(dot(parts, parts));
  return parts.map((p) => p.map((v) => v / norm));
}

/** f(θ + step·dir) for each move, in one read (each evaluation its own graph). */
function valuesAlong(f: ParamsFunction, params: Params, names: readonly string[], moves: readonly { dir: readonly Float64Array[]; step: number }[]): Promise<Float64Array> {
  return readTidy(() => tf.concat(moves.map(({ dir, step }) => {
    const moved = Object.fromEntries(names.map((n, i) => {
      const d = tf.tensor(Float32Array.from(dir[i], (v) => v * step), params[n].shape);
      return [n, tf.add(params[n], d)];
    })) as Params;
    return firstElement(f(moved));
  })));
}

function dot(a: readonly Float64Array[], b: readonly Float64Array[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a[i].length; j++) s += a[i][j] * b[i][j];
  return s;
}

function judge(analytic: Float64Array, numeric: Float64Array, rtol: number, atol: number): GradientCheckResult {
  const diff = Math.hypot(...analytic.map((a, i) => a - numeric[i]));
  const rel = diff / Math.max(Math.hypot(...numeric), atol);
  let worstIndex = 0;
  let maxAbsError = 0;
  analytic.forEach((a, i) => { const e = Math.abs(a - numeric[i]); if (e > maxAbsError || Number.isNaN(e)) { maxAbsError = e; worstIndex = i; } });
  const ok = Number.isFinite(rel) && rel <= rtol;
  const message = `directional derivatives (${analytic.length} directions): ${ok ? "ok" : "FAILED"}; ` +
    `‖a − n‖/‖n‖ = ${rel.toExponential(2)} (rtol ${rtol}); worst [${worstIndex}] analytic ${analytic[worstIndex]} vs numeric ${numeric[worstIndex]}`;
  return { ok, analytic, numeric, maxAbsError, maxRelError: rel, worstIndex, message };
}
