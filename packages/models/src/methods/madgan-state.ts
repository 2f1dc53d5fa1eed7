// The JSON half of a `madgan` trainer's state: step, random streams (regularizers' by key) and the data
// stream's position. Its tensors are its players' (exportPlayers/importPlayers, docs/adr/0008).
import { GantryError, z, type JsonValue, type RngState, type StreamPosition } from "@gantry/core";
import { checkRegularizerKeys, rngStateSchema, streamPositionSchema } from "./trainer-streams.js";

const jsonSchema = z.object({
  method: z.literal("madgan"),
  step: z.number().int().nonnegative(),
  rng: z.object({ latent: rngStateSchema, apply: rngStateSchema, regularizers: z.record(z.string(), rngStateSchema) }),
  data: streamPositionSchema,
});

export interface MadganJson {
  readonly step: number;
  readonly rng: { readonly latent: RngState; readonly apply: RngState; readonly regularizers: Readonly<Record<string, RngState>> };
  readonly data: StreamPosition;
}

export function exportMadganJson(s: MadganJson): JsonValue {
  return { method: "madgan", ...s } as unknown as JsonValue;
}

/** The JSON state, its regularizer streams checked against the trainer's regularizer keys. */
export function importMadganJson(json: JsonValue, keys: readonly string[]): MadganJson {
  const parsed = jsonSchema.safeParse(json);
  if (!parsed.success) {
    throw new GantryError("METHOD_STATE_MISMATCH", `madgan.importState: bad JSON state: ${parsed.error.issues[0].message} at ${parsed.error.issues[0].path.join(".")}`, {
      hint: "import a state exported by a madgan trainer",
    });
  }
  checkRegularizerKeys(parsed.data.rng.regularizers, keys);
  return parsed.data as MadganJson;
}
