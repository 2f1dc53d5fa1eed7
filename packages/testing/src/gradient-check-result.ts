// The outcome of a gradient check: analytic vs numeric values in float64, the worst element, and a
// message that says where it failed. Shared by checkGradient and checkDirectionalDerivative.

export interface GradientCheckResult {
  /** True when every element passes |analytic − numeric| ≤ atol + rtol·|numeric|. */
  readonly ok: boolean;
  readonly analytic: Float64Array;
  readonly numeric: Float64Array;
  readonly maxAbsError: number;
  /** max |a − n| / |n| over elements with |n| > 0 (Infinity-free: elements with n = 0 report |a|). */
  readonly maxRelError: number;
  /** Index (into analytic/numeric) of the element that is furthest out of tolerance. */
  readonly worstIndex: number;
  readonly message: string;
}

export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

/** Elementwise comparison in float64 (numpy.allclose's rule, numeric value as the reference). */
export function compareElementwise(label: string, analytic: Float64Array, numeric: Float64Array, tol: Tolerance): GradientCheckResult {
  let maxAbsError = 0;
  let maxRelError = 0;
  let worstIndex = 0;
  let worstExcess = -Infinity;
  for (let i = 0; i < analytic.length; i++) {
    const err = Math.abs(analytic[i] - numeric[i]);
    const excess = err - (tol.atol + tol.rtol * Math.abs(numeric[i]));
    maxAbsError = Math.max(maxAbsError, err);
    maxRelError = Math.max(maxRelError, numeric[i] === 0 ? err : err / Math.abs(numeric[i]));
    if (excess > worstExcess || Number.isNaN(err)) { worstExcess = Number.isNaN(err) ? Infinity : excess; worstIndex = i; }
  }
  const ok = analytic.length > 0 && worstExcess <= 0;
  const at = `[${worstIndex}] analytic ${analytic[worstIndex]} vs numeric ${numeric[worstIndex]}`;
  const message = `${label}: ${ok ? "ok" : "FAILED"}; max abs error ${maxAbsError.toExponential(2)}, max rel error ` +
    `${maxRelError.toExponential(2)} (rtol ${tol.rtol}, atol ${tol.atol}); worst ${at}`;
  return { ok, analytic, numeric, maxAbsError, maxRelError, worstIndex, message };
}
