// A trainer's random streams in its checkpoint JSON, shared by every method that trains with
// regularizers (alternating, madgan): the schema of a saved Rng state and data position, each
// regularizer's stream by its key (split from the run's root, saved and restored by key), and the check
// that a resumed trainer has the regularizers the state was saved with (ADR 0007).
import { GantryError, Rng, z, type RngState } from "@gantry/core";

// loose: keep whatever else Rng.state() records (its root, for split()).
export const rngStateSchema = z.object({ kind: z.literal("xoshiro128**"), s: z.tuple([z.number(), z.number(), z.number(), z.number()]) }).loose();

/** A data stream's saved position. */
export const streamPositionSchema = z.object({ epoch: z.number(), index: z.number(), rng: rngStateSchema }).loose();

/** One stream per regularizer, split from the run's root by its key: a reordered list keeps its streams. */
export function regularizerStreams(root: Rng, keys: readonly string[]): Rng[] {
  return keys.map((key) => root.split(`regularizer/${key}`));
}

/** The streams' states by key, for the checkpoint. */
export function exportRegularizerStreams(keys: readonly string[], streams: readonly Rng[]): Record<string, RngState> {
  return Object.fromEntries(keys.map((key, i) => [key, streams[i].state()]));
}

/** The streams restored in the order of `keys`; `saved` must hold exactly those keys (see checkRegularizerKeys). */
export function importRegularizerStreams(keys: readonly string[], saved: Readonly<Record<string, RngState>>): Rng[] {
  return keys.map((key) => Rng.fromState(saved[key]));
}

/** Throws METHOD_REGULARIZERS_CHANGED, naming what was removed and added, unless `saved` has exactly `keys`. */
export function checkRegularizerKeys(saved: Readonly<Record<string, unknown>>, keys: readonly string[]): void {
  const removed = Object.keys(saved).filter((k) => !keys.includes(k));
  const added = keys.filter((k) => !(k in saved));
  if (removed.length === 0 && added.length === 0) return;
  const parts = [removed.length ? `removed [${removed.join(", ")}]` : "", added.length ? `added [${added.join(", ")}]` : ""].filter(Boolean);
  throw new GantryError("METHOD_REGULARIZERS_CHANGED", `the regularizers changed since this state was saved: ${parts.join(", ")}`, {
    where: { field: "with.regularizers" },
    hint: `resume with the regularizers the run was started with ([${Object.keys(saved).join(", ")}]), or start a new run`,
  });
}
