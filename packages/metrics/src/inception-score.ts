// Inception Score (Salimans et al. 2016): IS = exp(E_x KL(p(y|x) ‖ p(y))), computed on each of
// `splits` equal consecutive chunks (10 by default, as the original code) and reported as mean ± std
// (population std, as the original). Takes logits or probabilities; it does not run a classifier.
import { GantryError } from "@gantry/core";
import type { FeatureMatrix } from "./feature-matrix.js";

export interface InceptionScoreResult {
  readonly mean: number;
  readonly std: number;
  readonly splits: readonly number[];
  readonly n: number;
}

/** Probabilities from logits by a float64 log-softmax per row. */
export function softmaxRows(logits: FeatureMatrix): FeatureMatrix {
  const { rows, dim, data } = logits;
  const out = new Float64Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let c = 0; c < dim; c++) max = Math.max(max, data[r * dim + c]);
    let sum = 0;
    for (let c = 0; c < dim; c++) sum += Math.exp(data[r * dim + c] - max);
    for (let c = 0; c < dim; c++) out[r * dim + c] = Math.exp(data[r * dim + c] - max) / sum;
  }
  return { rows, dim, data: out };
}

/** IS from class probabilities p(y|x) (rows sum to 1). */
export function inceptionScore(probs: FeatureMatrix, splits = 10): InceptionScoreResult {
  checkProbabilities(probs, splits);
  const scores: number[] = [];
  for (let s = 0; s < splits; s++) {
    const from = Math.floor((s * probs.rows) / splits);
    const to = Math.floor(((s + 1) * probs.rows) / splits);
    scores.push(Math.exp(meanKl(probs, from, to)));
  }
  const mean = scores.reduce((a, b) => a + b, 0) / splits;
  const std = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / splits);
  return { mean, std, splits: scores, n: probs.rows };
}

/** IS from logits (softmax first). */
export function inceptionScoreFromLogits(logits: FeatureMatrix, splits = 10): InceptionScoreResult {
  return inceptionScore(softmaxRows(logits), splits);
}

/** Mean over rows [from, to) of KL(p(y|x) ‖ p(y)), p(y) the chunk's marginal; 0·log 0 = 0. */
function meanKl(p: FeatureMatrix, from: number, to: number): number {
  const { dim, data } = p;
  const marginal = new Float64Array(dim);
  for (let r = from; r < to; r++) for (let c = 0; c < dim; c++) marginal[c] += data[r * dim + c];
  for (let c = 0; c < dim; c++) marginal[c] /= to - from;
  let kl = 0;
  for (let r = from; r < to; r++) {
    for (let c = 0; c < dim; c++) {
      const v = data[r * dim + c];
      if (v > 0) kl += v * (Math.log(v) - Math.log(marginal[c]));
    }
  }
  return kl / (to - from);
}

function checkProbabilities(p: FeatureMatrix, splits: number): void {
  if (!Number.isInteger(splits) || splits < 1 || p.rows < splits) {
    throw new GantryError("IS_TOO_FEW_SAMPLES", `${p.rows} samples cannot make ${splits} splits`, {
      hint: "use at least one sample per split (the protocol is 50 000 samples in 10 splits)",
    });
  }
  for (let r = 0; r < p.rows; r++) {
    let sum = 0;
    for (let c = 0; c < p.dim; c++) {
      const v = p.data[r * p.dim + c];
      if (!(v >= 0)) throw badProbabilities(`row ${r} has value ${v}`);
      sum += v;
    }
    if (Math.abs(sum - 1) > 1e-3) throw badProbabilities(`row ${r} sums to ${sum}`);
  }
}

function badProbabilities(what: string): GantryError {
  return new GantryError("IS_NOT_PROBABILITIES", `inception score needs class probabilities: ${what}`, {
    hint: "pass logits to inceptionScoreFromLogits, or probabilities (non-negative rows summing to 1)",
  });
}
