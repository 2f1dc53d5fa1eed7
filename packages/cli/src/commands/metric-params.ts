// `gantry eval --param key=value` (repeatable): overrides of a metric's params, values parsed as YAML
// (`--param samples=50000`, `--param k=[3,5]`), dotted keys reaching into nested params. They are checked
// against the metric's schema by the registry; unknown keys are refused here, since zod objects drop them.
import { GantryError, didYouMean, z, type Registry } from "@gantry/core";
import { parseSetFlag } from "@gantry/pipeline";

export interface ParamOverride {
  readonly flag: string;
  readonly path: readonly string[];
  readonly value: unknown;
}

/** `--param` as given (one string, or an array when repeated; the argument parser may hand numbers). */
export function parseParamFlags(param: unknown): ParamOverride[] {
  if (param === undefined) return [];
  return [param].flat().map((p) => {
    const arg = String(p);
    try {
      const { path, value } = parseSetFlag(arg);
      return { flag: `--param ${arg}`, path, value };
    } catch (e) {
      if (!(e instanceof GantryError)) throw e;
      throw new GantryError("CLI_BAD_PARAM", `--param ${arg}: ${e.issues[0].message}`, {
        hint: "write key=value, the value as YAML: --param samples=50000, --param 'statistics=ref.safetensors'",
      });
    }
  });
}

/** `params` with the overrides applied (a copy), after checking every top-level key exists in metric/<name>'s schema. */
export function applyParamOverrides(registry: Registry, name: string, params: unknown, overrides: readonly ParamOverride[]): Record<string, unknown> {
  const keys = schemaKeys(registry.get("metric", name).entry.params);
  const out = structuredClone((params ?? {}) as Record<string, unknown>);
  for (const o of overrides) {
    if (keys !== undefined && !keys.includes(o.path[0])) {
      const guess = didYouMean(o.path[0], keys);
      throw new GantryError("CLI_UNKNOWN_PARAM", `metric/${name} has no param "${o.path[0]}" (${o.flag})${guess ? `; did you mean "${guess}"?` : ""}`, {
        where: { node: name, field: `params.${o.path[0]}` }, hint: `metric/${name} params: ${keys.join(", ")} (see \`gantry list metric\`)`,
      });
    }
    setIn(out, o.path, o.value);
  }
  return out;
}

function setIn(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = target;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    at = (at[key] = typeof next === "object" && next !== null && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
  }
  at[path[path.length - 1]] = value;
}

/** The keys of an object schema (through .default()/.optional()); undefined when it is not an object. */
function schemaKeys(schema: z.ZodType | undefined): string[] | undefined {
  let s: unknown = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap();
  return s instanceof z.ZodObject ? Object.keys(s.shape) : undefined;
}
