// AdaGAN's data reweighting (Tolstikhin et al. 2017, "AdaGAN: Boosting Generative Models", Theorem 1: the W_t of
// Algorithm 1, eqs. (17)–(18) of arXiv:1701.02386 as the authors' code numbers them) wᵢ = (λ* − (1−β)hᵢ)₊/(Nβ),
// Σwᵢ = 1, and the mixture weight β_t. Pure float64; it does not train the classifier or sample the mixture.
import { GantryError } from "@gantry/core";

/** AdaGAN's new data weights and the threshold λ* that makes them sum to 1. */
export interface DataWeights {
  readonly weights: Float64Array;
  readonly lambda: number;
}

/** How β_t is chosen for rounds t ≥ 2: the authors' default, or a fixed value in (0, 1]. */
export type MixtureBetaOption = { readonly kind: "paper" } | { readonly kind: "constant"; readonly value: number };

/**
 * Logits are clamped to ±50 before exp(−ℓ): h then lies in [2e−22, 5e21], so N·h and the sums in
 * `dataWeights` cannot overflow for any N an array can hold. Nothing is lost at the low end (a point with
 * h ≤ 2e−22 already gets weight λ* / (Nβ) to within 2e−22/β relative, as λ* ≥ β). At the high end,
 * points the classifier calls covered at odds above e⁵⁰ tie with each other and get weight 0 unless every
 * point does.
 */
const LOGIT_BOUND = 50;

/** hᵢ = (1 − D(xᵢ))/D(xᵢ) = exp(−ℓᵢ) from the data-vs-mixture classifier's logits ℓ, ℓ clamped to ±50. */
export function hFromLogits(logits: ArrayLike<number>): Float64Array {
  const h = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) {
    const l = logits[i];
    if (Number.isNaN(l)) {
      throw new GantryError("ADAGAN_BAD_LOGIT", `logits[${i}] is NaN`, {
        where: { field: "logits" },
        hint: "the data-vs-mixture classifier diverged; lower its learning rate or check its inputs for NaN",
      });
    }
    h[i] = Math.exp(-Math.min(Math.max(l, -LOGIT_BOUND), LOGIT_BOUND));
  }
  return h;
}

/**
 * AdaGAN's data weights for mixing in a component of weight β (Theorem 1): wᵢ = (λ* − (1−β)hᵢ)₊/(Nβ).
 * λ* is found exactly by sorting h and scanning for the number of positive terms. β = 1 gives 1/N each.
 */
export function dataWeights(h: ArrayLike<number>, beta: number): DataWeights {
  checkBeta(beta, "beta");
  checkRatios(h);
  const n = h.length;
  const c = 1 - beta;
  const sorted = Float64Array.from(h).sort();
  // Work relative to the smallest h: μ = λ* − c·h₍₁₎. When every h is large (the mixture already covers
  // the data) λ* ≈ c·h₍₁₎ ≫ Nβ, and λ* − c·hᵢ would cancel away ~log10(λ*/β) digits; the shift keeps them.
  const floor = sorted[0];
  const mu = shiftedLambda(sorted, floor, n * beta, c);
  if (!Number.isFinite(mu)) {
    throw new GantryError("ADAGAN_BAD_RATIO", `the ratios h are too large to sum in float64 (λ* = ${mu})`, {
      where: { field: "h" },
      hint: "compute h with hFromLogits, which keeps every ratio below e⁵⁰",
    });
  }
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = Math.max(mu - c * (h[i] - floor), 0) / (n * beta);
  // The closed form sums to 1 exactly; dividing by the compensated sum only removes rounding (≤ a few
  // ulps here), so samplers downstream get a distribution even when the terms above cancel.
  const total = new CompensatedSum();
  for (const w of weights) total.add(w);
  const norm = total.value();
  for (let i = 0; i < n; i++) weights[i] /= norm;
  return { weights, lambda: mu + c * floor };
}

/**
 * μ = λ* − c·h₍₁₎ on the sorted ratios. With k positive terms, μ_k = (Nβ + c·Σ_{j≤k} dⱼ)/k where
 * dⱼ = h₍ⱼ₎ − h₍₁₎; the first k with μ_k ≤ c·d₍ₖ₊₁₎ is the answer, because Σ(λ − c·hᵢ)₊ is increasing in λ
 * and negative at every c·h₍ₖ₊₁₎ below λ*. k = N always qualifies, so the scan cannot fail (the
 * reference code falls back to uniform weights when its search fails; this one has no such branch).
 */
function shiftedLambda(sorted: Float64Array, floor: number, mass: number, c: number): number {
  const n = sorted.length;
  const sum = new CompensatedSum(); // N may be 60 000 and λ* must stay 1e−9-accurate
  let mu = 0;
  for (let k = 1; k <= n; k++) {
    sum.add(sorted[k - 1] - floor);
    mu = (mass + c * sum.value()) / k;
    if (k === n || mu <= c * (sorted[k] - floor)) break;
  }
  return mu;
}

/** Shannon entropy (nats, 0·ln 0 = 0) of a weight vector and the share of its exactly-zero entries. */
export function weightSummary(weights: ArrayLike<number>): { entropy: number; zeroShare: number } {
  if (weights.length === 0) {
    throw new GantryError("ADAGAN_NO_DATA", "weightSummary got no weights", { where: { field: "weights" }, hint: "pass one weight per training point" });
  }
  let entropy = 0;
  let zeros = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!Number.isFinite(w) || w < 0) {
      throw new GantryError("ADAGAN_BAD_WEIGHTS", `weights[${i}] is ${w}; weights must be finite and ≥ 0`, {
        where: { field: "weights" },
        hint: "pass the weights that dataWeights returned",
      });
    }
    if (w === 0) zeros++;
    else entropy -= w * Math.log(w);
  }
  return { entropy, zeroShare: zeros / weights.length };
}

/**
 * β for the component trained in `round` (1-based). Round 1 is the first generator and gets weight 1.
 * "paper" is the authors' default: their reference code (github.com/tolstikhin/adagan, adagan.py,
 * AdaGan._next_mixture_weight, lines 201–219 at commit 746bd8e) gives the first component 1 and, under the
 * "uniform" heuristic that every experiment script there selects (e.g. adagan_gmm.py line 55), gives the
 * component added after t − 1 others the weight 1/t, which keeps the mixture uniform. The paper's
 * Algorithm 1 leaves β_t free; its other option in that code is a constant.
 */
export function mixtureBeta(round: number, option: MixtureBetaOption): number {
  if (!Number.isInteger(round) || round < 1) {
    throw new GantryError("ADAGAN_BAD_ROUND", `round is ${round}; rounds are counted 1, 2, 3, …`, {
      where: { field: "round" },
      hint: "round 1 is the first generator (weight 1); pass t ≥ 2 for the component mixed in at round t",
    });
  }
  if (round === 1) return 1;
  if (option.kind === "paper") return 1 / round;
  checkBeta(option.value, "beta.value");
  return option.value;
}

/** Mixture weights after adding a component of weight β: old weights scaled by 1 − β, then β. */
export function mixIn(alphas: readonly number[], beta: number): number[] {
  checkBeta(beta, "beta");
  return [...alphas.map((a) => a * (1 - beta)), beta];
}

function checkBeta(beta: number, field: string): void {
  if (!(beta > 0 && beta <= 1)) {
    throw new GantryError("ADAGAN_BAD_BETA", `${field} is ${beta}; the new component's weight β must be in (0, 1]`, {
      where: { field },
      hint: "β = 0 would never sample the new generator (and divides by N·β); use the paper schedule 1/t or a constant such as 0.5",
    });
  }
}

function checkRatios(h: ArrayLike<number>): void {
  if (h.length === 0) {
    throw new GantryError("ADAGAN_NO_DATA", "no ratios h were given", { where: { field: "h" }, hint: "pass one ratio per training point" });
  }
  for (let i = 0; i < h.length; i++) {
    const x = h[i];
    if (Number.isFinite(x) && x >= 0) continue;
    const why = Number.isNaN(x) ? "NaN" : x < 0 ? "negative" : "infinite";
    throw new GantryError("ADAGAN_BAD_RATIO", `h[${i}] is ${x} (${why}); h = (1 − D)/D must be finite and ≥ 0`, {
      where: { field: "h" },
      hint: why === "negative"
        ? "h is a ratio of probabilities; compute it from the classifier's logits with hFromLogits"
        : "exp(−logit) overflowed or the classifier diverged; compute h with hFromLogits, which clamps logits to ±50 and rejects NaN",
    });
  }
}

/** Neumaier-compensated running sum: error ~1 ulp of the total instead of ~N ulps. */
class CompensatedSum {
  private sum = 0;
  private carry = 0;

  add(x: number): void {
    const t = this.sum + x;
    this.carry += Math.abs(this.sum) >= Math.abs(x) ? this.sum - t + x : x - t + this.sum;
    this.sum = t;
  }

  value(): number {
    return this.sum + this.carry;
  }
}
