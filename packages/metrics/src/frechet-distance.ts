// Fréchet distance between two Gaussians (FID, Heusel et al. 2017, eq. 6): ‖μ₁−μ₂‖² + Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½), with
// Tr((Σ₁Σ₂)^½) = Σᵢ √λᵢ(Σ₁^½ Σ₂ Σ₁^½) by symmetric eigendecompositions in float64 (ml-matrix, or LAPACK through a
// LinearAlgebra option); exact for singular covariances (εI only as pytorch-fid's fallback, when that comes out
// non-finite). It does not extract features.
import { GantryError, type LinearAlgebra } from "@gantry/core";
import { jsLinearAlgebra } from "./js-linear-algebra.js";
import type { GaussianStatistics } from "./running-moments.js";

export interface FrechetOptions {
  /**
   * The ε of the fallback: when the exact Tr((Σ₁Σ₂)^½) comes out non-finite, retry once with εI added
   * to both covariances, with a warning (pytorch-fid's rule and ε, 1e-6). 0 disables the fallback: a
   * non-finite square root then throws `FID_SQRTM_FAILED`. Singular covariances alone never trigger it.
   */
  readonly epsilon?: number;
  /**
   * Eigenvalues in [−tol·λmax, 0) are rounding and are clamped to 0 (and counted); lower ones are an error.
   * For Σ₁^½Σ₂Σ₁^½, λmax is at least λmax(Σ₁)·max|Σ₂ᵢⱼ|, the scale of its rounding.
   */
  readonly negativeTolerance?: number;
  readonly onWarning?: (message: string) => void;
  /** The eigendecompositions and products: ml-matrix in JavaScript by default. */
  readonly linearAlgebra?: LinearAlgebra;
}

export interface FrechetResult {
  readonly fid: number;
  /** ‖μ₁ − μ₂‖². */
  readonly meanTerm: number;
  /** Tr(Σ₁) + Tr(Σ₂) − 2 Tr((Σ₁Σ₂)^½), with εI added to both covariances when the fallback ran. */
  readonly traceTerm: number;
  readonly traceSqrt: number;
  /** Negative eigenvalues (of Σ₁ and of Σ₁^½Σ₂Σ₁^½) clamped to 0 as rounding. */
  readonly clampedEigenvalues: number;
  /** The most negative eigenvalue met before clamping (0 when none). */
  readonly mostNegativeEigenvalue: number;
  /** The ε added to the diagonals: 0 for the exact distance, the fallback's ε when that ran. */
  readonly epsilon: number;
  readonly warnings: readonly string[];
}

interface Spectrum {
  readonly values: Float64Array;
  /** The scale that tolerances are relative to: the largest |λ|, or a bound on it when that is larger. */
  readonly max: number;
  readonly clamped: number;
  /** Clamped eigenvalues below −(rank tolerance): more than the rounding of an exact zero. */
  readonly clampedBeyondRounding: number;
  readonly mostNegative: number;
  readonly singular: boolean;
}

/** Tr((Σ₁Σ₂)^½) by one route (exact, or with εI), or why its spectrum came out non-finite. */
type TraceSqrt = RootFound | { readonly ok: false; readonly failure: string };
interface RootFound { readonly ok: true; readonly traceSqrt: number; readonly s1: Spectrum; readonly inner: Spectrum }

export function frechetDistance(a: GaussianStatistics, b: GaussianStatistics, options: FrechetOptions = {}): FrechetResult {
  checkInputs(a, b);
  const d = a.dim;
  const warnings: string[] = [];
  const la = options.linearAlgebra ?? jsLinearAlgebra;
  const { root, added } = exactOrFallback(la, a, b, options.epsilon ?? 1e-6, options.negativeTolerance ?? 1e-6, warnings);
  const { s1, inner } = root;
  const clamped = s1.clamped + inner.clamped;
  const mostNegative = Math.min(s1.mostNegative, inner.mostNegative);
  // Zero eigenvalues of a singular matrix come out as ±(rounding); only larger negatives are worth a word.
  if (s1.clampedBeyondRounding + inner.clampedBeyondRounding > 0) {
    warnings.push(`clamped ${clamped} slightly negative eigenvalue(s) (most negative ${mostNegative}) to 0`);
  }
  for (const w of warnings) options.onWarning?.(w);
  const meanTerm = squaredDistance(a.mean, b.mean);
  const traceTerm = trace(a.cov, d) + trace(b.cov, d) + 2 * d * added - 2 * root.traceSqrt;
  return {
    fid: meanTerm + traceTerm, meanTerm, traceTerm, traceSqrt: root.traceSqrt, clampedEigenvalues: clamped,
    mostNegativeEigenvalue: mostNegative, epsilon: added, warnings,
  };
}

/** The exact route; pytorch-fid's rule: εI only when that is not finite, never for singularity alone. */
function exactOrFallback(la: LinearAlgebra, a: GaussianStatistics, b: GaussianStatistics, epsilon: number, tol: number, warnings: string[]): { root: RootFound; added: number } {
  const exact = traceSqrt(la, a.cov, b.cov, a.dim, 0, tol);
  if (exact.ok) {
    if (exact.s1.singular || exact.inner.singular) {
      warnings.push(`a covariance is singular (rank < dim ${a.dim}; n = ${a.n} and ${b.n}): computed the exact distance, no εI added`);
    }
    return { root: exact, added: 0 };
  }
  if (!(epsilon > 0)) throw sqrtmFailed(exact.failure, 0);
  warnings.push(`the exact Tr((Σ₁Σ₂)^½) failed (${exact.failure}); retried with ${epsilon}·I added to both covariances, as pytorch-fid does`);
  const retried = traceSqrt(la, a.cov, b.cov, a.dim, epsilon, tol);
  if (!retried.ok) throw sqrtmFailed(retried.failure, epsilon);
  return { root: retried, added: epsilon };
}

/** Σᵢ √λᵢ(Σ₁^½ Σ₂ Σ₁^½) for Σ₁ + εI and Σ₂ + εI (ε = 0: as given). */
function traceSqrt(la: LinearAlgebra, cov1: Float64Array, cov2: Float64Array, d: number, eps: number, tol: number): TraceSqrt {
  const e1 = la.symmetricEigen(plusIdentity(cov1, d, eps), d);
  if (!allFinite(e1.values)) return { ok: false, failure: "non-finite eigenvalues of Σ₁" };
  const s1 = spectrum(e1.values, 0, tol, eps > 0 ? "Σ₁ + εI" : "Σ₁");
  const m2 = plusIdentity(cov2, d, eps);
  const rawInner = innerEigenvalues(la, e1.vectors, s1.values, m2, d);
  if (!allFinite(rawInner)) return { ok: false, failure: "non-finite eigenvalues of Σ₁^½Σ₂Σ₁^½" };
  // Its rounding scales with λmax(Σ₁)·λmax(Σ₂), not with its own largest eigenvalue: when the supports of
  // Σ₁ and Σ₂ are (nearly) orthogonal all its eigenvalues are rounding, of both signs. max|Σ₂ᵢⱼ| (the
  // largest diagonal entry of a PSD matrix) is within a factor d below λmax(Σ₂) and cannot overflow.
  const inner = spectrum(rawInner, s1.max * maxAbs(m2), tol, "Σ₁^½Σ₂Σ₁^½");
  let sum = 0;
  for (const v of inner.values) sum += Math.sqrt(v);
  if (!Number.isFinite(sum)) return { ok: false, failure: `Tr((Σ₁Σ₂)^½) = ${sum}` };
  return { ok: true, traceSqrt: sum, s1, inner };
}

/**
 * Eigenvalues of Σ₁^½ Σ₂ Σ₁^½ computed as those of D^½ EΣ₂Eᵀ D^½ (Σ₁ = Eᵀ D E, eigenvectors as the rows
 * of E; an orthogonal similarity), which saves forming Σ₁^½.
 */
function innerEigenvalues(la: LinearAlgebra, e: Float64Array, lambda1: Float64Array, cov2: Float64Array, d: number): Float64Array {
  const w = la.matMul(la.matMul(e, cov2, d, d, d), e, d, d, d, false, true);
  const sq = lambda1.map(Math.sqrt);
  // Symmetrised and scaled in place: w is this function's own, and a fresh d × d array costs ≈ 0.1 s of
  // page faults at d = 2048 (benchmarks/speed). Each pair (i, j) is read before either entry is written.
  const m = w;
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const x = sq[i] * 0.5 * (w[i * d + j] + w[j * d + i]) * sq[j];
      m[i * d + j] = x;
      m[j * d + i] = x;
    }
  }
  return la.symmetricEigenvalues(m, d);
}

/**
 * Clamps rounding-level negatives, rejects significant ones, flags rank deficiency (numpy's matrix_rank
 * rule). Eigenvalues within the rank tolerance d·ε_mach·λmax are set to 0: they are a singular matrix's
 * zeros plus rounding, and √(rounding), up to √(d·ε_mach·λmax) each, would bias Tr((Σ₁Σ₂)^½) upwards.
 */
function spectrum(values: Float64Array, scale: number, tol: number, what: string): Spectrum {
  const max = values.reduce((m, v) => Math.max(m, Math.abs(v)), scale);
  const rankTol = max * values.length * Number.EPSILON;
  let clamped = 0;
  let clampedBeyondRounding = 0;
  let mostNegative = 0;
  const out = new Float64Array(values.length);
  values.forEach((v, i) => {
    if (v < 0) {
      if (v < -tol * max) {
        throw new GantryError("FID_NOT_PSD", `${what} has eigenvalue ${v}, far below 0 (scale ${max})`, {
          hint: "covariances must be symmetric positive semi-definite: compute them with RunningMoments from finite features, or raise negativeTolerance for low-precision saved statistics",
        });
      }
      clamped++;
      if (v < -rankTol) clampedBeyondRounding++;
      mostNegative = Math.min(mostNegative, v);
    }
    out[i] = v > rankTol ? v : 0;
  });
  const singular = max === 0 || values.some((v) => v <= rankTol);
  return { values: out, max, clamped, clampedBeyondRounding, mostNegative, singular };
}

function sqrtmFailed(failure: string, epsilon: number): GantryError {
  return new GantryError("FID_SQRTM_FAILED", `the matrix square root of Σ₁Σ₂ failed: ${failure}${epsilon > 0 ? ` (also with ${epsilon}·I added)` : ""}`, {
    hint: epsilon > 0
      ? "the statistics are too large or ill-scaled for float64: check the features for huge values"
      : "pass epsilon > 0 (pytorch-fid uses 1e-6) to retry with εI added to both covariances",
  });
}

function checkInputs(a: GaussianStatistics, b: GaussianStatistics): void {
  if (a.dim !== b.dim || a.mean.length !== a.dim || b.mean.length !== b.dim || a.cov.length !== a.dim * a.dim || b.cov.length !== b.dim * b.dim) {
    throw new GantryError("FID_DIM_MISMATCH", `statistics of dims ${a.dim} and ${b.dim} cannot be compared`, {
      hint: "both sides need features from the same extractor (the saved reference statistics record which one)",
    });
  }
  for (const s of [a, b]) {
    if (!allFinite(s.mean) || !allFinite(s.cov)) {
      throw new GantryError("FID_NOT_FINITE", "statistics contain NaN or Infinity", {
        hint: "the generator or extractor produced non-finite features; check for a diverged generator",
      });
    }
  }
}

/** The row-major d × d matrix plus εI: a copy when ε ≠ 0, else the matrix itself (LinearAlgebra leaves its inputs unchanged). */
function plusIdentity(flat: Float64Array, d: number, eps: number): Float64Array {
  if (eps === 0) return flat;
  const m = Float64Array.from(flat);
  for (let i = 0; i < d; i++) m[i * d + i] += eps;
  return m;
}

/** An indexed loop: `every(Number.isFinite)` on a 2048² covariance took ≈ 40 ms. */
function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

function maxAbs(values: Float64Array): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
}

function trace(flat: Float64Array, d: number): number {
  let t = 0;
  for (let i = 0; i < d; i++) t += flat[i * d + i];
  return t;
}

function squaredDistance(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - y[i]) ** 2;
  return s;
}
