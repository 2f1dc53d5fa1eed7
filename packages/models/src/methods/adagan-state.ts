// The JSON half of an `adagan` trainer's state: the mixture weights, each finished round's method state
// (their tensors are stored under "component.<i>/…", the round in progress under "round/…") and the
// settings that fix the layout (rounds, steps per round), checked on import.
import { GantryError, z, type JsonValue } from "@gantry/core";

const jsonSchema = z.object({
  method: z.literal("adagan"),
  rounds: z.number().int().positive(),
  stepsPerRound: z.number().int().positive(),
  alphas: z.array(z.number().nonnegative()),
  components: z.array(z.unknown()),
  current: z.unknown().nullable(),
});

export interface AdaganJson {
  readonly rounds: number;
  readonly stepsPerRound: number;
  /** Mixture weights of the finished rounds (sum 1). */
  readonly alphas: readonly number[];
  /** Each finished round's method JSON state. */
  readonly components: readonly JsonValue[];
  /** The round in progress (its method's JSON state), null once every round has finished. */
  readonly current: JsonValue | null;
}

export function exportAdaganJson(s: AdaganJson): JsonValue {
  return { method: "adagan", ...s } as unknown as JsonValue;
}

/** The JSON state, checked against this trainer's rounds and steps per round. */
export function importAdaganJson(json: JsonValue, expected: { rounds: number; stepsPerRound: number }): AdaganJson {
  const parsed = jsonSchema.safeParse(json);
  if (!parsed.success) {
    throw new GantryError("METHOD_STATE_MISMATCH", `adagan.importState: bad JSON state: ${parsed.error.issues[0].message} at ${parsed.error.issues[0].path.join(".")}`, {
      hint: "import a state exported by an adagan trainer",
    });
  }
  const s = parsed.data;
  if (s.rounds !== expected.rounds || s.stepsPerRound !== expected.stepsPerRound) {
    throw new GantryError("METHOD_STATE_MISMATCH", `adagan.importState: the state is of ${s.rounds} rounds × ${s.stepsPerRound} steps, this trainer has ${expected.rounds} × ${expected.stepsPerRound}`, {
      where: { field: "params" }, hint: `resume with rounds: ${s.rounds} and stepsPerRound: ${s.stepsPerRound}, or start a new run`,
    });
  }
  if (s.alphas.length !== s.components.length || s.components.length > s.rounds || (s.current === null) !== (s.components.length === s.rounds)) {
    throw new GantryError("METHOD_STATE_MISMATCH", `adagan.importState: ${s.components.length} finished rounds with ${s.alphas.length} mixture weights${s.current === null ? " and no round in progress" : ""} is not a consistent state`, {
      hint: "import a state exported by an adagan trainer",
    });
  }
  return s as AdaganJson;
}
