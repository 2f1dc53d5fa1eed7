// Params: flat, named tensors ("conv1/kernel" → tensor), the one currency of state in Gantry
// (network weights, batch-norm statistics, optimizer moments, EMA), as in JAX/optax pytrees.
// Helpers return new tensors and never dispose their inputs (ADR 0001).
import * as tf from "@tensorflow/tfjs-core";
import { GantryError } from "./errors.js";

export type Params = Readonly<Record<string, tf.Tensor>>;

/** Applies `fn` to every entry; keys are preserved. */
export function mapParams(p: Params, fn: (t: tf.Tensor, name: string) => tf.Tensor): Params {
  const out: Record<string, tf.Tensor> = {};
  for (const name of Object.keys(p)) out[name] = fn(p[name], name);
  return out;
}

/** Applies `fn` to matching entries of two Params with the same keys. */
export function zipParams(
  a: Params,
  b: Params,
  fn: (x: tf.Tensor, y: tf.Tensor, name: string) => tf.Tensor,
): Params {
  assertSameKeys(a, b);
  const out: Record<string, tf.Tensor> = {};
  for (const name of Object.keys(a)) out[name] = fn(a[name], b[name], name);
  return out;
}

export function assertSameKeys(a: Params, b: Params): void {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  const missing = ka.filter((k) => !(k in b));
  const extra = kb.filter((k) => !(k in a));
  if (missing.length > 0 || extra.length > 0) {
    throw new GantryError(
      "PARAMS_KEY_MISMATCH",
      `parameter sets differ: missing [${missing.join(", ")}], unexpected [${extra.join(", ")}]`,
      { hint: "both sets must come from the same network (same init)" },
    );
  }
}

/** a + b, entry by entry. */
export function addParams(a: Params, b: Params): Params {
  return zipParams(a, b, (x, y) => tf.add(x, y));
}

/** a − b, entry by entry. */
export function subParams(a: Params, b: Params): Params {
  return zipParams(a, b, (x, y) => tf.sub(x, y));
}

/** s · a, entry by entry. */
export function scaleParams(a: Params, s: number | tf.Scalar): Params {
  return mapParams(a, (x) => tf.mul(x, s));
}

/**
 * √(Σ ‖pᵢ‖²) over all entries, as a scalar tensor (differentiable). Summed in name order, not key
 * order: params restored from a checkpoint list their keys differently, and float addition is not
 * associative, so a resumed run would otherwise log (and clip by) a norm one ulp off.
 */
export function globalNorm(p: Params): tf.Scalar {
  return tf.tidy(() => {
    const names = Object.keys(p).sort();
    if (names.length === 0) return tf.scalar(0);
    const squares = names.map((n) => tf.sum(tf.square(p[n])));
    return tf.sqrt(tf.addN(squares)) as tf.Scalar;
  });
}

/** Total number of scalar entries. */
export function countParams(p: Params): number {
  return Object.values(p).reduce((n, t) => n + t.size, 0);
}

/** Copies every tensor (new tensors, same values). */
export function cloneParams(p: Params): Params {
  return mapParams(p, (t) => tf.clone(t));
}

/** Disposes every tensor of one or more Params. */
export function disposeParams(...ps: readonly (Params | undefined)[]): void {
  for (const p of ps) if (p) for (const t of Object.values(p)) t.dispose();
}

/** Keeps every tensor of `p` out of the enclosing tf.tidy. */
export function keepParams(p: Params): Params {
  for (const t of Object.values(p)) tf.keep(t);
  return p;
}

/** Prefixes every name: prefixParams({kernel}, "d") → {"d/kernel"}. */
export function prefixParams(p: Params, prefix: string): Params {
  const out: Record<string, tf.Tensor> = {};
  for (const name of Object.keys(p)) out[`${prefix}/${name}`] = p[name];
  return out;
}

/** The entries under `prefix/`, with the prefix removed. */
export function unprefixParams(p: Params, prefix: string): Params {
  const out: Record<string, tf.Tensor> = {};
  const head = `${prefix}/`;
  for (const name of Object.keys(p)) if (name.startsWith(head)) out[name.slice(head.length)] = p[name];
  return out;
}

/** Flattens Params into a list in sorted-name order (for tf.grads / variableGrads). */
export function paramNames(p: Params): string[] {
  return Object.keys(p).sort();
}
