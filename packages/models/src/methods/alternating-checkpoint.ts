// Export/import of an `alternating` trainer's state (DESIGN.md §8): every tensor under a prefixed name
// ("generator/params/dense0/kernel", "dOpt/exp_avg/…", "ema/…") and JSON for step, random streams and
// data position, so a resumed trainer follows the uninterrupted trajectory. No file I/O here.
import {
  GantryError, assertSameKeys, cloneParams, prefixParams, unprefixParams, z,
  type JsonValue, type Params, type RngState, type StreamPosition, type tf,
} from "@gantry/core";
import type { TrainerTensors } from "./alternating-setup.js";

const groups = [
  ["generator/params", "gParams"], ["generator/state", "gState"],
  ["discriminator/params", "dParams"], ["discriminator/state", "dState"],
  ["gOpt", "gOpt"], ["dOpt", "dOpt"], ["ema", "ema"],
] as const;

/** Copies of every tensor, under prefixed names. */
export function exportTensors(t: TrainerTensors): Params {
  const out: Record<string, tf.Tensor> = {};
  for (const [prefix, key] of groups) {
    const p = t[key];
    if (p) Object.assign(out, prefixParams(cloneParams(p), prefix));
  }
  return out;
}

/** Copies of the saved tensors, checked name by name against the trainer's own (same networks, same options). */
export function importTensors(saved: Params, current: TrainerTensors): TrainerTensors {
  const known = groups.map(([prefix]) => `${prefix}/`);
  const stray = Object.keys(saved).filter((k) => !known.some((p) => k.startsWith(p)));
  if (stray.length > 0) throw mismatch(`unexpected tensors [${stray.slice(0, 5).join(", ")}]`);
  const out: Record<string, Params> = {};
  for (const [prefix, key] of groups) {
    const mine = current[key];
    const theirs = unprefixParams(saved, prefix);
    if (!mine) {
      if (Object.keys(theirs).length > 0) throw mismatch(`the state has "${prefix}/…" tensors but this trainer has no ${prefix}`);
      continue;
    }
    try { assertSameKeys(mine, theirs); } catch (e) { throw mismatch(`${prefix}: ${(e as Error).message}`, e); }
    for (const name of Object.keys(mine)) {
      if (mine[name].shape.join() !== theirs[name].shape.join()) throw mismatch(`${prefix}/${name} has shape [${theirs[name].shape}], expected [${mine[name].shape}]`);
    }
    out[key] = cloneParams(theirs);
  }
  return out as unknown as TrainerTensors;
}

function mismatch(message: string, cause?: unknown): GantryError {
  return new GantryError("METHOD_STATE_MISMATCH", `alternating.importState: ${message}`, {
    hint: "import a state exported by a trainer built with the same networks, optimizers, regularizers and ema option",
    cause,
  });
}

// loose: keep whatever else Rng.state() records (its root, for split()).
const rngStateSchema = z.object({ kind: z.literal("xoshiro128**"), s: z.tuple([z.number(), z.number(), z.number(), z.number()]) }).loose();

const jsonSchema = z.object({
  method: z.literal("alternating"),
  step: z.number().int().nonnegative(),
  // Regularizer streams by key; checkpoints written before keys existed hold a list in list order.
  rng: z.object({
    latent: rngStateSchema, labels: rngStateSchema, apply: rngStateSchema,
    regularizers: z.union([z.record(z.string(), rngStateSchema), z.array(rngStateSchema)]),
  }),
  data: z.object({ epoch: z.number(), index: z.number(), rng: rngStateSchema }).loose(),
});

export interface TrainerJson {
  readonly step: number;
  readonly rng: {
    readonly latent: RngState; readonly labels: RngState; readonly apply: RngState;
    /** Each regularizer's stream by its key. */
    readonly regularizers: Readonly<Record<string, RngState>>;
  };
  readonly data: StreamPosition;
}

export function exportJson(s: TrainerJson): JsonValue {
  return { method: "alternating", ...s } as unknown as JsonValue;
}

/** The JSON state, its regularizer streams checked against the trainer's regularizer keys. */
export function importJson(json: JsonValue, keys: readonly string[]): TrainerJson {
  const parsed = jsonSchema.safeParse(json);
  if (!parsed.success) throw mismatch(`bad JSON state: ${parsed.error.issues[0].message} at ${parsed.error.issues[0].path.join(".")}`);
  const saved = parsed.data.rng.regularizers;
  if (Array.isArray(saved)) {
    // The layout before regularizer keys: a list of streams in list order.
    if (saved.length !== keys.length) {
      throw mismatch(`the state (a checkpoint from before regularizer keys) has ${saved.length} regularizer streams, this trainer has ${keys.length} regularizers`);
    }
    return { ...parsed.data, rng: { ...parsed.data.rng, regularizers: Object.fromEntries(keys.map((k, i) => [k, saved[i]])) } } as TrainerJson;
  }
  const removed = Object.keys(saved).filter((k) => !keys.includes(k));
  const added = keys.filter((k) => !(k in saved));
  if (removed.length > 0 || added.length > 0) {
    const parts = [removed.length ? `removed [${removed.join(", ")}]` : "", added.length ? `added [${added.join(", ")}]` : ""].filter(Boolean);
    throw new GantryError("METHOD_REGULARIZERS_CHANGED", `the regularizers changed since this state was saved: ${parts.join(", ")}`, {
      where: { field: "with.regularizers" },
      hint: `resume with the regularizers the run was started with ([${Object.keys(saved).join(", ")}]), or start a new run`,
    });
  }
  return parsed.data as TrainerJson;
}
