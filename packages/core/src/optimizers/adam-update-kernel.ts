// Adam's per-parameter arithmetic as one kernel that a backend may provide (the native backend does).
// Unfused, one parameter's update is 13 kernel calls and 6 scalar uploads; on small networks the per-call
// cost of TF.js dominates a training step (docs/performance.md), and 12 parameters make this ≈ half of
// an MLP step's kernel calls. The kernel has no gradient: adam() uses it only while no gradient tape is
// recording (an Unrolled look-ahead differentiates through the update, so it takes the unfused ops), and
// only where the current backend registers it. Its outputs equal the unfused ops bit for bit: the same
// float32 operations in the same order (no fused multiply-add).
import * as tf from "@tensorflow/tfjs-core";

/** The kernel name a backend registers an implementation under. */
export const AdamUpdate = "GantryAdamUpdate";

/**
 * Inputs g, m, v (one parameter's gradient and moments, same shape) and bc1, bc2 (scalar bias
 * corrections 1 − βᵗ). Outputs [m', v', update]:
 *   m' = m·β₁ + g·(1 − β₁);  v' = v·β₂ + g²·(1 − β₂);
 *   update = ((m' / bc1) / (√(v' / bc2 [+ epsRoot]) + eps)) · (−lr),
 * every constant rounded to float32 as the unfused ops' scalars are (1 − β computed in float64 first).
 */
export interface AdamUpdateAttrs {
  readonly beta1: number;
  readonly oneMinusBeta1: number;
  readonly beta2: number;
  readonly oneMinusBeta2: number;
  readonly eps: number;
  /** 0: no term (the unfused path adds it only when non-zero). */
  readonly epsRoot: number;
  readonly negLr: number;
}

/** Whether adam() may take the fused kernel now: registered on the current backend, and no tape recording. */
export function fusedAdamAvailable(): boolean {
  return !tf.engine().isTapeOn() && tf.getKernel(AdamUpdate, tf.getBackend()) !== undefined;
}

/** [m', v', update] for one parameter through the backend's kernel. */
export function fusedAdamUpdate(g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, bc1: tf.Tensor, bc2: tf.Tensor, attrs: AdamUpdateAttrs): [tf.Tensor, tf.Tensor, tf.Tensor] {
  const out = tf.engine().runKernel(AdamUpdate, { g, m, v, bc1, bc2 }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
  return [out[0], out[1], out[2]];
}
