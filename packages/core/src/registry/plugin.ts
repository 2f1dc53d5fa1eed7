// definePlugin: a plugin is a plain, frozen object { name, version, provides } (ADR 0002).
// Nothing registers itself by being imported; a registry `use`s the plugin explicitly.
import type { z } from "zod";
import { GantryError } from "../errors.js";
import type { KindValue } from "../kinds/kind-map.js";

/** A port: "dataset", "network?" (optional), or ["regularizer"] (a list of that kind). */
export type PortSpec = string | readonly [string];

export interface ParsedPort {
  readonly kind: string;
  readonly optional: boolean;
  readonly list: boolean;
}

export type PortValues = Readonly<Record<string, unknown>>;

/** What an entry's create learns about where it is being created. */
export interface CreateContext {
  /** The spec node's id ("noise", "train.with.regularizers.0") when created from a pipeline spec. */
  readonly node?: string;
  /** The run folder, for sinks created by the pipeline executor: they write inside it. */
  readonly runDir?: string;
}

/** One thing a plugin provides. Prefer `entry({...})` to get `create`'s params typed. */
export interface PluginEntry {
  readonly kind: string;
  readonly name: string;
  readonly description?: string;
  readonly params?: z.ZodType;
  readonly inputs?: Readonly<Record<string, PortSpec>>;
  create(params: never, inputs: never, context: CreateContext): unknown;
}

export interface Plugin {
  readonly name: string;
  readonly version: string;
  readonly provides: readonly PluginEntry[];
}

/** Typed entry: `create` receives the schema's parsed output. */
export function entry<K extends string, S extends z.ZodType = z.ZodObject<{}>>(def: {
  readonly kind: K;
  readonly name: string;
  readonly description?: string;
  readonly params?: S;
  readonly inputs?: Readonly<Record<string, PortSpec>>;
  create(params: z.output<S>, inputs: PortValues, context: CreateContext): KindValue<K>;
}): PluginEntry {
  return def as PluginEntry;
}

export function parsePort(spec: PortSpec): ParsedPort {
  if (Array.isArray(spec)) return { kind: spec[0] as string, optional: true, list: true };
  const s = spec as string;
  return s.endsWith("?") ? { kind: s.slice(0, -1), optional: true, list: false } : { kind: s, optional: false, list: false };
}

const NAME_RE = /^[a-z0-9][a-z0-9._-]*$/i;

function invalid(plugin: string, message: string): GantryError {
  return new GantryError("PLUGIN_INVALID", `plugin "${plugin}": ${message}`, {
    hint: "a plugin is { name, version, provides: [{ kind, name, params?, inputs?, create }] }",
  });
}

/** Checks a plugin's shape and freezes it (and its entries). */
export function definePlugin(plugin: Plugin): Plugin {
  const pname = typeof plugin?.name === "string" && plugin.name ? plugin.name : "<unnamed>";
  if (pname === "<unnamed>") throw invalid(pname, "missing name");
  if (typeof plugin.version !== "string" || !/^\d+\.\d+\.\d+/.test(plugin.version)) {
    throw invalid(pname, `version must be semver, got ${JSON.stringify(plugin.version)}`);
  }
  if (!Array.isArray(plugin.provides)) throw invalid(pname, "provides must be an array");
  const seen = new Set<string>();
  for (const e of plugin.provides) {
    if (!e || typeof e.kind !== "string" || !NAME_RE.test(e.kind)) throw invalid(pname, `entry with bad kind ${JSON.stringify(e?.kind)}`);
    if (typeof e.name !== "string" || !NAME_RE.test(e.name)) throw invalid(pname, `${e.kind} entry with bad name ${JSON.stringify(e.name)}`);
    if (typeof e.create !== "function") throw invalid(pname, `${e.kind}/${e.name} has no create function`);
    if (e.params !== undefined && typeof (e.params as { safeParse?: unknown })?.safeParse !== "function") {
      throw invalid(pname, `${e.kind}/${e.name} params must be a zod schema (import { z } from "@gantry/core")`);
    }
    const key = `${e.kind}/${e.name}`;
    if (seen.has(key)) throw invalid(pname, `${key} is provided twice`);
    seen.add(key);
    for (const [port, spec] of Object.entries(e.inputs ?? {})) {
      const ok = typeof spec === "string" || (Array.isArray(spec) && spec.length === 1 && typeof spec[0] === "string");
      if (!ok) throw invalid(pname, `${key} port "${port}" must be "kind", "kind?" or ["kind"]`);
    }
    Object.freeze(e.inputs);
    Object.freeze(e);
  }
  Object.freeze(plugin.provides);
  return Object.freeze(plugin);
}
