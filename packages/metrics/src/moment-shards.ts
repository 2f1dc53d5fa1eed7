// Sharded streaming statistics: a MomentsState as JSON that keeps every float64 bit (base64 of the
// little-endian bytes), and the merge of shard states in shard order (Chan, Golub & LeVeque 1979,
// eq. 2.1b, via RunningMoments.merge). It does not draw samples or extract features.
import { GantryError } from "@gantry/core";
import { RunningMoments, type MomentsState } from "./running-moments.js";

export const MOMENTS_FORMAT = "gantry-moments/1";

/** A MomentsState as plain JSON; decoding gives back the same float64 values bit for bit. */
export interface EncodedMoments {
  readonly format: typeof MOMENTS_FORMAT;
  readonly n: number;
  readonly dim: number;
  /** base64 of `dim` little-endian float64s. */
  readonly mean: string;
  /** base64 of `dim × dim` little-endian float64s (the upper triangle is the one used). */
  readonly m2: string;
}

// JSON numbers would round-trip float64 too, but base64 is 2.5× smaller for a 2048² scatter matrix
// and cannot be mangled by a JSON writer that prints fewer digits.
// btoa/atob (globals in browsers and Node ≥ 16) rather than Buffer, so this module is browser-safe.
const toBase64 = (values: Float64Array): string => {
  const view = new DataView(new ArrayBuffer(values.length * 8));
  values.forEach((v, i) => view.setFloat64(i * 8, v, true));
  const bytes = new Uint8Array(view.buffer);
  let binary = "";
  // Chunks of 32 768 bytes keep String.fromCharCode's argument list under engines' limits.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

const decodeBase64 = (text: string): Uint8Array | undefined => {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
};

const fromBase64 = (text: string, length: number): Float64Array | undefined => {
  const bytes = decodeBase64(text);
  if (!bytes || bytes.length !== length * 8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float64Array.from({ length }, (_, i) => view.getFloat64(i * 8, true));
};

export function encodeMoments(state: MomentsState): EncodedMoments {
  return { format: MOMENTS_FORMAT, n: state.n, dim: state.dim, mean: toBase64(state.mean), m2: toBase64(state.m2) };
}

/** Reads what encodeMoments wrote; anything else is METRIC_BAD_MOMENTS naming `source`. */
export function decodeMoments(value: unknown, source = "<moments>"): MomentsState {
  const v = value as Partial<EncodedMoments> | null;
  const ok = typeof v === "object" && v !== null && v.format === MOMENTS_FORMAT && Number.isInteger(v.n) && v.n! >= 0 &&
    Number.isInteger(v.dim) && v.dim! > 0 && typeof v.mean === "string" && typeof v.m2 === "string";
  const mean = ok ? fromBase64(v.mean!, v.dim!) : undefined;
  const m2 = ok ? fromBase64(v.m2!, v.dim! * v.dim!) : undefined;
  if (!mean || !m2) {
    throw new GantryError("METRIC_BAD_MOMENTS", `not a ${MOMENTS_FORMAT} record (format, n, dim, base64 mean [dim], base64 m2 [dim²])`, {
      where: { file: source }, hint: "the shard file is damaged or from another tool: delete it so the shard is evaluated again",
    });
  }
  return { n: v!.n!, dim: v!.dim!, mean, m2 };
}

/**
 * Folds shard states together in the order given (pass them by shard index, so that the result
 * does not depend on which shard finished first). Equal to one pass over all samples up to rounding:
 * FID from merged shards matches one process's to ~1e-14 relative (moment-shards.test.ts).
 */
export function mergeMoments(states: readonly MomentsState[]): MomentsState {
  if (states.length === 0) {
    throw new GantryError("METRIC_NO_SHARDS", "no shard statistics to merge", { hint: "evaluate at least one shard first" });
  }
  const merged = RunningMoments.fromState(states[0]);
  for (const s of states.slice(1)) merged.merge(s);
  return merged.state();
}
