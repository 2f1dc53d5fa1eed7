// Options every regularizer factory shares, and the parse step that turns bad options into one
// GantryError naming the regularizer and the field (the same message a spec's params would get).
import { parseOptions, type z } from "@gantry/core";

/** What a code-level caller may add to a regularizer's params. */
export interface RegularizerIdentity {
  /**
   * Stable key within the method: names the regularizer's random stream in checkpoints. Specs use
   * the node's name; in code the default is `<name>#<position in the list>`.
   */
  readonly key?: string;
}

/** The parsed params and the key, or a PARAMS_INVALID error naming regularizer/<name> and the field. */
export function parseRegularizerOptions<S extends z.ZodType>(
  name: string, schema: S, options: z.input<S> & RegularizerIdentity,
): { readonly params: z.output<S>; readonly identity: RegularizerIdentity } {
  const { key, ...rest } = (options ?? {}) as RegularizerIdentity & Record<string, unknown>;
  const params = parseOptions(schema, rest, `regularizer/${name}`,
    `see regularizer/${name} in the @gantry/regularizers README (\`gantry list regularizer\` shows every param)`);
  return { params, identity: key !== undefined ? { key } : {} };
}
