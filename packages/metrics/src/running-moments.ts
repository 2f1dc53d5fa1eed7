// Streaming mean and covariance in float64 (Welford 1962; Chan, Golub & LeVeque 1979 pairwise
// merge): batches are folded in one at a time, so 50 000 feature vectors never sit in memory at once,
// and two partial states merge exactly. Only the upper triangle of the scatter matrix is accumulated.
import { GantryError } from "@gantry/core";
import type { FeatureMatrix } from "./feature-matrix.js";

/** A Gaussian fitted to features: mean, unbiased covariance (divides by n − 1, as np.cov), n. */
export interface GaussianStatistics {
  readonly n: number;
  readonly dim: number;
  readonly mean: Float64Array;
  /** dim × dim, row-major, symmetric. */
  readonly cov: Float64Array;
}

/** Mergeable state: count, mean and the scatter matrix M2 = Σ (x − μ)(x − μ)ᵀ (upper triangle used). */
export interface MomentsState {
  readonly n: number;
  readonly dim: number;
  readonly mean: Float64Array;
  readonly m2: Float64Array;
}

export class RunningMoments {
  private n = 0;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;

  constructor(readonly dim: number) {
    this.mean = new Float64Array(dim);
    this.m2 = new Float64Array(dim * dim);
  }

  /** A running state that continues from a saved or merged one. */
  static fromState(state: MomentsState): RunningMoments {
    const r = new RunningMoments(state.dim);
    r.n = state.n;
    r.mean.set(state.mean);
    r.m2.set(state.m2);
    return r;
  }

  get count(): number {
    return this.n;
  }

  /** Folds a batch in: the batch's own centred scatter (two-pass, stable), then Chan's merge. */
  update(batch: FeatureMatrix): this {
    checkDim(this.dim, batch.dim);
    if (batch.rows === 0) return this;
    this.mergeFrom(batchMoments(batch));
    return this;
  }

  /** Folds another state in (Chan et al. eq. 2.1b): order does not matter beyond rounding. */
  merge(other: MomentsState | RunningMoments): this {
    const s = other instanceof RunningMoments ? other.state() : other;
    checkDim(this.dim, s.dim);
    if (s.n > 0) this.mergeFrom(s);
    return this;
  }

  /** A copy of the state (mergeable, serialisable). */
  state(): MomentsState {
    return { n: this.n, dim: this.dim, mean: this.mean.slice(), m2: this.m2.slice() };
  }

  /** Mean and unbiased covariance of everything folded in so far. */
  statistics(): GaussianStatistics {
    if (this.n < 2) {
      throw new GantryError("METRIC_TOO_FEW_SAMPLES", `a covariance needs at least 2 samples, got ${this.n}`, {
        hint: "stream more samples before asking for statistics",
      });
    }
    const d = this.dim;
    const cov = new Float64Array(d * d);
    const scale = 1 / (this.n - 1);
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++) {
        const v = this.m2[i * d + j] * scale;
        cov[i * d + j] = v;
        cov[j * d + i] = v;
      }
    }
    return { n: this.n, dim: d, mean: this.mean.slice(), cov };
  }

  private mergeFrom(s: MomentsState): void {
    const d = this.dim;
    const na = this.n;
    const n = na + s.n;
    const w = (na * s.n) / n;
    const delta = new Float64Array(d);
    for (let i = 0; i < d; i++) delta[i] = s.mean[i] - this.mean[i];
    for (let i = 0; i < d; i++) {
      const wi = w * delta[i];
      const base = i * d;
      for (let j = i; j < d; j++) this.m2[base + j] += s.m2[base + j] + wi * delta[j];
    }
    for (let i = 0; i < d; i++) this.mean[i] += (delta[i] * s.n) / n;
    this.n = n;
  }
}

/** Mean and upper-triangle scatter of one batch, centred on its own mean. */
function batchMoments(batch: FeatureMatrix): MomentsState {
  const { rows, dim: d, data } = batch;
  const mean = new Float64Array(d);
  for (let r = 0; r < rows; r++) for (let i = 0; i < d; i++) mean[i] += data[r * d + i];
  for (let i = 0; i < d; i++) mean[i] /= rows;
  const m2 = new Float64Array(d * d);
  const c = new Float64Array(d);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < d; i++) c[i] = data[r * d + i] - mean[i];
    for (let i = 0; i < d; i++) {
      const ci = c[i];
      if (ci === 0) continue;
      const base = i * d;
      for (let j = i; j < d; j++) m2[base + j] += ci * c[j];
    }
  }
  return { n: rows, dim: d, mean, m2 };
}

function checkDim(expected: number, got: number): void {
  if (expected !== got) {
    throw new GantryError("METRIC_BAD_FEATURES", `feature dim ${got} does not match the running statistics' ${expected}`, {
      hint: "use the same feature extractor for every batch and for the saved statistics",
    });
  }
}

/** One-shot statistics of a whole matrix (the same code path as streaming it in one batch). */
export function gaussianStatistics(features: FeatureMatrix): GaussianStatistics {
  return new RunningMoments(features.dim).update(features).statistics();
}
