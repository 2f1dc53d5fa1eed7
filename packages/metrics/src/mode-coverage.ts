// Mode coverage for synthetic Gaussian mixtures (VEEGAN, Srivastava et al. 2017; PacGAN, Lin et al.
// 2018): a sample is high quality when it lies within the "3σ" radius of its nearest centre, and a mode
// is captured when at least `minCount` high-quality samples have it as their nearest centre.
import { GantryError, type MixtureInfo } from "@gantry/core";
import { chiSquareQuantile, gaussianMassWithin } from "./chi-quantile.js";
import type { FeatureMatrix } from "./feature-matrix.js";

export interface ModeCoverageOptions {
  /** The radius holds the mass a 1-D Gaussian has within this many σ (3 → p = erf(3/√2) = 0.99730). */
  readonly sigmas?: number;
  /** High-quality samples a mode needs to count as captured (VEEGAN/PacGAN: 1). */
  readonly minCount?: number;
}

export interface ModeCoverageResult {
  readonly modesCaptured: number;
  readonly totalModes: number;
  /** Share of samples that are high quality. */
  readonly highQuality: number;
  /** KL(mode histogram of high-quality samples ‖ uniform over modes), nats; NaN when none is high quality. */
  readonly klToUniform: number;
  /** The high-quality radius: σ · √(chi2.ppf(p, d)), which is exactly 3σ for d = 1. */
  readonly radius: number;
  readonly counts: readonly number[];
}

/**
 * For d-dimensional samples the 1-D rule "within 3σ" becomes: within the radius that holds the same
 * probability mass p₃ = 0.9973 of an isotropic d-dim Gaussian, i.e. ‖x − c‖/σ ~ chi(d), so
 * r = σ·√(chi2.ppf(p₃, d)) (3.44σ in 2-D, where VEEGAN's plain 3σ would hold only 98.9%).
 */
export function highQualityRadius(std: number, dim: number, sigmas = 3): number {
  return std * Math.sqrt(chiSquareQuantile(gaussianMassWithin(sigmas), dim));
}

export function modeCoverage(samples: FeatureMatrix, mixture: MixtureInfo, options: ModeCoverageOptions = {}): ModeCoverageResult {
  const centres = mixture.centres;
  if (centres.length === 0 || centres.some((c) => c.length !== samples.dim)) {
    throw new GantryError("MODE_COVERAGE_BAD_CENTRES", `mixture centres must be ${samples.dim}-dimensional (samples' dim)`, {
      hint: "mode coverage compares raw samples with the dataset's mixture centres: bind a synthetic mixture dataset (ring, grid)",
    });
  }
  const radius = highQualityRadius(mixture.std, samples.dim, options.sigmas ?? 3);
  const counts = new Array<number>(centres.length).fill(0);
  let good = 0;
  for (let i = 0; i < samples.rows; i++) {
    const { index, dist } = nearestCentre(samples, i, centres);
    if (dist <= radius) {
      counts[index]++;
      good++;
    }
  }
  const minCount = options.minCount ?? 1;
  return {
    modesCaptured: counts.filter((c) => c >= minCount).length, totalModes: centres.length,
    highQuality: good / samples.rows, klToUniform: klToUniform(counts, good), radius, counts,
  };
}

function nearestCentre(m: FeatureMatrix, i: number, centres: readonly (readonly number[])[]): { index: number; dist: number } {
  let index = 0;
  let best = Infinity;
  centres.forEach((c, k) => {
    let s = 0;
    for (let t = 0; t < m.dim; t++) s += (m.data[i * m.dim + t] - c[t]) ** 2;
    if (s < best) [best, index] = [s, k];
  });
  return { index, dist: Math.sqrt(best) };
}

/** Σ pᵢ log(pᵢ K), 0·log 0 = 0. */
function klToUniform(counts: readonly number[], total: number): number {
  if (total === 0) return NaN;
  return counts.reduce((kl, c) => (c > 0 ? kl + (c / total) * Math.log((c / total) * counts.length) : kl), 0);
}
