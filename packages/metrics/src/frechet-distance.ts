// Fréchet distance between two Gaussians (FID, Heusel et al. 2017, eq. 6):
// d² = ‖μ₁−μ₂‖² + Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½), with Tr((Σ₁Σ₂)^½) = Σᵢ √λᵢ(Σ₁^½ Σ₂ Σ₁^½), a symmetric PSD
// matrix, via ml-matrix's symmetric eigendecomposition in float64. It does not extract features.
import { GantryError } from "@gantry/core";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import type { GaussianStatistics } from "./running-moments.js";

export interface FrechetOptions {
  /**
   * εI added to both covariances when one is singular (rank < dim), with a warning; 1e-6 as
   * pytorch-fid. 0 computes the exact distance between the degenerate Gaussians instead.
   */
  readonly epsilon?: number;
  /** Eigenvalues in [−tol·λmax, 0) are rounding and are clamped to 0 (and counted); lower ones are an error. */
  readonly negativeTolerance?: number;
  readonly onWarning?: (message: string) => void;
}

export interface FrechetResult {
  readonly fid: number;
  /** ‖μ₁ − μ₂‖². */
  readonly meanTerm: number;
  /** Tr(Σ₁) + Tr(Σ₂) − 2 Tr((Σ₁Σ₂)^½). */
  readonly traceTerm: number;
  readonly traceSqrt: number;
  /** Negative eigenvalues (of Σ₁ and of Σ₁^½Σ₂Σ₁^½) clamped to 0 as rounding. */
  readonly clampedEigenvalues: number;
  /** The most negative eigenvalue met before clamping (0 when none). */
  readonly mostNegativeEigenvalue: number;
  /** The ε actually added to the diagonals (0 when the covariances were used as given). */
  readonly epsilon: number;
  readonly warnings: readonly string[];
}

interface Spectrum {
  readonly values: Float64Array;
  readonly clamped: number;
  readonly mostNegative: number;
  readonly singular: boolean;
}

export function frechetDistance(a: GaussianStatistics, b: GaussianStatistics, options: FrechetOptions = {}): FrechetResult {
  checkInputs(a, b);
  const epsilon = options.epsilon ?? 1e-6;
  const tol = options.negativeTolerance ?? 1e-6;
  const d = a.dim;
  const e1 = new EigenvalueDecomposition(toMatrix(a.cov, d), { assumeSymmetric: true });
  const raw1 = Float64Array.from(e1.realEigenvalues);
  let s1 = spectrum(raw1, tol, "Σ₁");
  let inner = innerSpectrum(e1.eigenvectorMatrix, s1.values, b.cov, d, 0, tol);
  const warnings: string[] = [];
  let added = 0;
  if ((s1.singular || inner.singular) && epsilon > 0) {
    added = epsilon;
    s1 = spectrum(raw1.map((v) => v + epsilon), tol, "Σ₁ + εI");
    inner = innerSpectrum(e1.eigenvectorMatrix, s1.values, b.cov, d, epsilon, tol);
    warnings.push(`a covariance is singular (fewer independent samples or active features than dim ${d}, n = ${a.n} and ${b.n}); ` +
      `added ${epsilon}·I to both, as pytorch-fid does (pass epsilon: 0 for the exact degenerate distance)`);
  }
  const clamped = s1.clamped + inner.clamped;
  if (clamped > 0) warnings.push(`clamped ${clamped} slightly negative eigenvalue(s) (most negative ${Math.min(s1.mostNegative, inner.mostNegative)}) to 0`);
  for (const w of warnings) options.onWarning?.(w);
  let traceSqrt = 0;
  for (const v of inner.values) traceSqrt += Math.sqrt(v);
  const meanTerm = squaredDistance(a.mean, b.mean);
  const traceTerm = trace(a.cov, d) + trace(b.cov, d) + 2 * d * added - 2 * traceSqrt;
  return {
    fid: meanTerm + traceTerm, meanTerm, traceTerm, traceSqrt, clampedEigenvalues: clamped,
    mostNegativeEigenvalue: Math.min(s1.mostNegative, inner.mostNegative), epsilon: added, warnings,
  };
}

/**
 * Eigenvalues of Σ₁^½ (Σ₂ + εI) Σ₁^½ computed as those of D^½ Vᵀ(Σ₂ + εI)V D^½ (Σ₁ = V D Vᵀ; an
 * orthogonal similarity), which saves forming Σ₁^½.
 */
function innerSpectrum(v: Matrix, lambda1: Float64Array, cov2: Float64Array, d: number, eps: number, tol: number): Spectrum {
  const w = v.transpose().mmul(toMatrix(cov2, d)).mmul(v);
  const sq = lambda1.map(Math.sqrt);
  const m = new Matrix(d, d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const sym = 0.5 * (w.get(i, j) + w.get(j, i)) + (i === j ? eps : 0);
      const x = sq[i] * sym * sq[j];
      m.set(i, j, x);
      m.set(j, i, x);
    }
  }
  const e = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  return spectrum(Float64Array.from(e.realEigenvalues), tol, "Σ₁^½Σ₂Σ₁^½");
}

/** Clamps rounding-level negatives, rejects significant ones, flags rank deficiency (numpy's matrix_rank rule). */
function spectrum(values: Float64Array, tol: number, what: string): Spectrum {
  const max = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  let clamped = 0;
  let mostNegative = 0;
  const out = new Float64Array(values.length);
  values.forEach((v, i) => {
    if (v < 0) {
      if (v < -tol * max) {
        throw new GantryError("FID_NOT_PSD", `${what} has eigenvalue ${v}, far below 0 (largest |λ| ${max})`, {
          hint: "covariances must be symmetric positive semi-definite: compute them with RunningMoments from finite features, or raise negativeTolerance for low-precision saved statistics",
        });
      }
      clamped++;
      mostNegative = Math.min(mostNegative, v);
    }
    out[i] = Math.max(v, 0);
  });
  const rankTol = max * values.length * Number.EPSILON;
  const singular = max === 0 || out.some((v) => v <= rankTol);
  return { values: out, clamped, mostNegative, singular };
}

function checkInputs(a: GaussianStatistics, b: GaussianStatistics): void {
  if (a.dim !== b.dim || a.mean.length !== a.dim || b.mean.length !== b.dim || a.cov.length !== a.dim * a.dim || b.cov.length !== b.dim * b.dim) {
    throw new GantryError("FID_DIM_MISMATCH", `statistics of dims ${a.dim} and ${b.dim} cannot be compared`, {
      hint: "both sides need features from the same extractor (the saved reference statistics record which one)",
    });
  }
  for (const s of [a, b]) {
    if (!s.mean.every(Number.isFinite) || !s.cov.every(Number.isFinite)) {
      throw new GantryError("FID_NOT_FINITE", "statistics contain NaN or Infinity", {
        hint: "the generator or extractor produced non-finite features; check for a diverged generator",
      });
    }
  }
}

function toMatrix(flat: Float64Array, d: number): Matrix {
  const m = new Matrix(d, d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) m.set(i, j, flat[i * d + j]);
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
