// Export/import of an `alternating` trainer's state (ADR 0005): its tensors are its players' (core's
// exportPlayers, under alternating's aliases "gOpt/…", "dOpt/…", "ema/…"), plus JSON for step, random
// streams and data position, so a resumed trainer follows the uninterrupted trajectory. No file I/O here.
import { GantryError, z, type JsonValue, type PlayerAliases, type RngState, type StreamPosition } from "@gantry/core";
import { checkRegularizerKeys, rngStateSchema, streamPositionSchema } from "./trainer-streams.js";

/**
 * alternating's stored names for optimizer and EMA tensors (its layout before players): kept, so its
 * checkpoints read "gOpt/…", "dOpt/…", "ema/…" as before and older ones load unchanged.
 */
export const playerAliases: PlayerAliases = { "generator/opt": "gOpt", "discriminator/opt": "dOpt", "generator/ema": "ema" };

function mismatch(message: string, cause?: unknown): GantryError {
  return new GantryError("METHOD_STATE_MISMATCH", `alternating.importState: ${message}`, {
    hint: "import a state exported by a trainer built with the same networks, optimizers, regularizers and ema option",
    cause,
  });
}

const jsonSchema = z.object({
  method: z.literal("alternating"),
  step: z.number().int().nonnegative(),
  // Regularizer streams by key; checkpoints written before keys existed hold a list in list order.
  rng: z.object({
    latent: rngStateSchema, labels: rngStateSchema, apply: rngStateSchema,
    regularizers: z.union([z.record(z.string(), rngStateSchema), z.array(rngStateSchema)]),
  }),
  data: streamPositionSchema,
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
  checkRegularizerKeys(saved, keys);
  return parsed.data as TrainerJson;
}
