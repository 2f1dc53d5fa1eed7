// Quantiles of the chi-square distribution, for the mode-coverage radius: x with P(d/2, x/2) = p,
// P the regularized lower incomplete gamma function (series / Lentz continued fraction, Numerical
// Recipes §6.2), solved by bisection in float64. Checked against scipy.stats.chi2.ppf.
import { GantryError } from "@gantry/core";

const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

/** ln Γ(a) for a > 0 (Lanczos, g = 7; ~1e-15 relative). */
export function logGamma(a: number): number {
  if (a < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * a)) - logGamma(1 - a);
  const z = a - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Regularized lower incomplete gamma P(a, x). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const front = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 100_000 && Math.abs(term) > Math.abs(sum) * 1e-17; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return sum * front;
  }
  return 1 - front * upperFraction(a, x);
}

/** Continued fraction of Γ(a, x)·eˣx⁻ᵃΓ(a) (modified Lentz). */
function upperFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/** chi2.ppf(p, dof): the x with P(dof/2, x/2) = p. */
export function chiSquareQuantile(p: number, dof: number): number {
  if (!(p > 0 && p < 1) || !(dof > 0)) {
    throw new GantryError("METRIC_BAD_QUANTILE", `chi-square quantile needs 0 < p < 1 and dof > 0, got p = ${p}, dof = ${dof}`, {
      hint: "use a positive number of sigmas and a sample dimension of at least 1",
    });
  }
  let lo = 0;
  let hi = Math.max(1, dof);
  while (gammaP(dof / 2, hi / 2) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (gammaP(dof / 2, mid / 2) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Probability mass within `sigmas` standard deviations of a 1-D Gaussian: erf(s/√2) = P(1/2, s²/2). */
export function gaussianMassWithin(sigmas: number): number {
  return gammaP(0.5, (sigmas * sigmas) / 2);
}
