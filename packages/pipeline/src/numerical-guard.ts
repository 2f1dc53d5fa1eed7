// The numerical guard's checks: NaN/±Inf in a step's statistics (JS numbers, free to check) and in a
// method's tensors (isFinite → count, one small reduction per float tensor, read back in one transfer).
// It only finds and describes; what a run does about it (stop, roll back) is the executor's (spec `guard`).
import { tf, type Params, type StepStats } from "@gantry/core";
import type { GuardSpec } from "./spec-schema.js";

/** A statistic that is NaN or ±Inf. */
export interface NonFiniteStat {
  readonly name: string;
  readonly value: number;
}

/** A tensor with non-finite values: how many of how many. */
export interface NonFiniteParam {
  readonly name: string;
  readonly count: number;
  readonly size: number;
}

/** The guard with every default filled in. */
export type GuardSettings = Required<GuardSpec>;

export const GUARD_DEFAULTS: GuardSettings = Object.freeze({
  onNonFinite: "stop", maxRollbacks: 3, lrScale: 0.5, checkParams: "checkpoint",
});

export const guardSettings = (spec: GuardSpec | undefined): GuardSettings => ({ ...GUARD_DEFAULTS, ...spec });

/** Every non-finite statistic, in the order the method reported them. */
export function nonFiniteStats(stats: StepStats): NonFiniteStat[] {
  const out: NonFiniteStat[] = [];
  for (const name in stats) if (!Number.isFinite(stats[name])) out.push({ name, value: stats[name] });
  return out;
}

/**
 * The float tensors of `tensors` that hold NaN or ±Inf, in name order, with counts. Integer tensors
 * (step counters) cannot be non-finite and are skipped. The caller keeps ownership of `tensors`.
 */
export async function nonFiniteParams(tensors: Params): Promise<NonFiniteParam[]> {
  const floats = Object.keys(tensors).sort().filter((name) => tensors[name].dtype === "float32" && tensors[name].size > 0);
  if (floats.length === 0) return [];
  const counts = tf.tidy(() => tf.stack(floats.map((name) => tf.sum(tf.cast(tf.logicalNot(tf.isFinite(tensors[name])), "int32")))));
  const values = await counts.data();
  counts.dispose();
  const out: NonFiniteParam[] = [];
  floats.forEach((name, i) => { if (values[i] > 0) out.push({ name, count: values[i], size: tensors[name].size }); });
  return out;
}

/** A NaN/±Inf the guard found: at which step, in what (a statistic or a tensor's name), said how. */
export interface Divergence {
  readonly step: number;
  readonly quantity: string;
  readonly description: string;
}

/** The step's non-finite statistics as a divergence, if any. */
export function statsDivergence(step: number, stats: StepStats): Divergence | undefined {
  const bad = nonFiniteStats(stats);
  return bad.length ? { step, quantity: bad[0].name, description: describeStats(bad) } : undefined;
}

/** The tensors' non-finite values as a divergence, if any. The caller keeps ownership of `tensors`. */
export async function paramsDivergence(step: number, tensors: Params): Promise<Divergence | undefined> {
  const bad = await nonFiniteParams(tensors);
  return bad.length ? { step, quantity: bad[0].name, description: describeParams(bad) } : undefined;
}

/** "gLoss = NaN", with the others that blew up in the same step. */
export function describeStats(bad: readonly NonFiniteStat[]): string {
  const [first, ...rest] = bad;
  const also = rest.length ? ` (also non-finite: ${rest.map((s) => `${s.name} = ${s.value}`).join(", ")})` : "";
  return `${first.name} = ${first.value}${also}`;
}

/** "parameter generator/params/dense0/kernel has 12 non-finite values (of 64)", and how many more. */
export function describeParams(bad: readonly NonFiniteParam[]): string {
  const [first, ...rest] = bad;
  const also = rest.length ? `; ${rest.length} more tensor${rest.length > 1 ? "s" : ""} too (${rest.slice(0, 3).map((p) => p.name).join(", ")}${rest.length > 3 ? ", …" : ""})` : "";
  return `parameter ${first.name} has ${first.count} non-finite value${first.count > 1 ? "s" : ""} (of ${first.size})${also}`;
}
