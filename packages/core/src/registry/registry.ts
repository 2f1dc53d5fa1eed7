// The registry: plugins in, typed values out. inversify is an implementation detail: each plugin
// becomes a ContainerModule whose bindings are the plugin's entries, named by entry name under the
// kind's token (ADR 0002). Values the registry creates are remembered with their kind, so a
// value bound to a port of another kind is rejected by name.
import { Container, ContainerModule } from "inversify";
import { z } from "zod";
import { didYouMean } from "../did-you-mean.js";
import { GantryError, type ErrorLocation } from "../errors.js";
import { kindToken, looksLikeKind, type KindValue } from "../kinds/kind-map.js";
import { paramsIssue } from "./params-issue.js";
import { parsePort, type ParsedPort, type CreateContext, type Plugin, type PluginEntry, type PortSpec, type PortValues } from "./plugin.js";

/** An entry together with the plugin that provided it. */
export interface RegisteredEntry {
  readonly plugin: { readonly name: string; readonly version: string };
  readonly entry: PluginEntry;
}

/** What `list` reports: enough to print `gantry list` and generate a spec JSON Schema. */
export interface EntryInfo {
  readonly kind: string;
  readonly name: string;
  readonly plugin: string;
  readonly version: string;
  readonly description?: string;
  /** JSON Schema of the params (input side: defaults are optional). */
  readonly params: Record<string, unknown>;
  readonly inputs: Readonly<Record<string, PortSpec>>;
}

export interface CreateOptions {
  /** Where the request came from (spec file, node), for error messages. */
  readonly where?: ErrorLocation;
  /** The spec node's id, handed to the entry's create (regularizers key their random streams by it). */
  readonly node?: string;
  /** The run folder, handed to the entry's create (sinks write inside it). */
  readonly runDir?: string;
}

export interface Registry {
  /** Adds a plugin's entries; a name already provided by another plugin is an error. */
  use(plugin: Plugin): Registry;
  has(kind: string, name: string): boolean;
  /** The entry for kind/name; an unknown one is an error listing what is registered. */
  get(kind: string, name: string, options?: CreateOptions): RegisteredEntry;
  /** Parses params (zod), checks the ports, and calls the entry's create. */
  create<K extends string>(kind: K, name: string, params?: unknown, inputs?: PortValues, options?: CreateOptions): KindValue<K>;
  /** Parses params against kind/name's schema without creating anything. */
  parseParams(kind: string, name: string, params: unknown, options?: CreateOptions): unknown;
  list(kind?: string): EntryInfo[];
  plugins(): readonly Plugin[];
  /** The kind a value was created as by this registry, if it was. */
  kindOf(value: unknown): string | undefined;
}

const ALL_ENTRIES = Symbol.for("gantry.entries");

export function createRegistry(): Registry {
  const container = new Container();
  const used: Plugin[] = [];
  const created = new WeakMap<object, string>();

  const entries = (): RegisteredEntry[] =>
    container.isBound(ALL_ENTRIES) ? container.getAll<RegisteredEntry>(ALL_ENTRIES) : [];

  const find = (kind: string, name: string): RegisteredEntry | undefined =>
    container.isBound(kindToken(kind), { name })
      ? container.get<RegisteredEntry>(kindToken(kind), { name })
      : undefined;

  const registry: Registry = {
    use(plugin) {
      if (used.includes(plugin)) return registry; // the same plugin listed twice (defaults + spec) is harmless
      if (!Object.isFrozen(plugin)) {
        throw new GantryError("PLUGIN_NOT_DEFINED", `plugin "${plugin?.name}" was not made with definePlugin`, {
          hint: "export definePlugin({ name, version, provides }) from the plugin package",
        });
      }
      for (const e of plugin.provides) {
        const clash = find(e.kind, e.name);
        if (clash) {
          throw new GantryError("REGISTRY_DUPLICATE",
            `${e.kind}/${e.name} is provided by both "${clash.plugin.name}" and "${plugin.name}"`,
            { hint: `use only one of the two plugins, or rename the entry in "${plugin.name}"` });
        }
      }
      container.load(new ContainerModule(({ bind }) => {
        for (const e of plugin.provides) {
          const value: RegisteredEntry = Object.freeze({ plugin: { name: plugin.name, version: plugin.version }, entry: e });
          bind<RegisteredEntry>(kindToken(e.kind)).toResolvedValue(() => value).whenNamed(e.name);
          bind<RegisteredEntry>(ALL_ENTRIES).toResolvedValue(() => value);
        }
      }));
      used.push(plugin);
      return registry;
    },

    has: (kind, name) => find(kind, name) !== undefined,

    get(kind, name, options = {}) {
      const found = find(kind, name);
      if (found) return found;
      throw unknownEntry(kind, name, entries(), options.where);
    },

    parseParams(kind, name, params, options = {}) {
      const { entry: e } = registry.get(kind, name, options);
      return parseWith(e.params, params, `${kind}/${name}`, options.where);
    },

    create(kind, name, params, inputs = {}, options = {}) {
      const { entry: e } = registry.get(kind, name, options);
      const parsed = parseWith(e.params, params, `${kind}/${name}`, options.where);
      checkInputs(e, inputs, options.where, (v) => (typeof v === "object" && v !== null ? created.get(v) : undefined));
      const context: CreateContext = {
        ...(options.node !== undefined ? { node: options.node } : {}), ...(options.runDir !== undefined ? { runDir: options.runDir } : {}),
      };
      const value = (e.create as (p: unknown, i: PortValues, c: CreateContext) => unknown)(parsed, inputs, context);
      if (!looksLikeKind(kind, value)) {
        throw new GantryError("PLUGIN_BAD_VALUE", `${kind}/${name}.create returned something that is not a ${kind}`, {
          where: options.where, hint: "this is a bug in the plugin that provides it",
        });
      }
      if (typeof value === "object" && value !== null) created.set(value, kind);
      return value as KindValue<typeof kind>;
    },

    list(kind) {
      return entries()
        .filter((r) => kind === undefined || r.entry.kind === kind)
        .map(describe)
        .sort((a, b) => (a.kind + "/" + a.name).localeCompare(b.kind + "/" + b.name));
    },

    plugins: () => [...used],
    kindOf: (v) => (typeof v === "object" && v !== null ? created.get(v) : undefined),
  };
  return registry;
}

function describe(r: RegisteredEntry): EntryInfo {
  const { entry: e } = r;
  return {
    kind: e.kind, name: e.name, plugin: r.plugin.name, version: r.plugin.version,
    ...(e.description ? { description: e.description } : {}),
    params: e.params ? (z.toJSONSchema(e.params, { io: "input", unrepresentable: "any" }) as Record<string, unknown>) : { type: "object" },
    inputs: e.inputs ?? {},
  };
}

function unknownEntry(kind: string, name: string, all: readonly RegisteredEntry[], where?: ErrorLocation): GantryError {
  const sameKind = all.filter((r) => r.entry.kind === kind).map((r) => r.entry.name).sort();
  const kinds = [...new Set(all.map((r) => r.entry.kind))].sort();
  if (sameKind.length === 0) {
    const guess = didYouMean(kind, kinds);
    return new GantryError("REGISTRY_UNKNOWN_KIND", `no ${kind} is registered${guess ? ` (did you mean kind "${guess}"?)` : ""}`, {
      where,
      hint: kinds.length ? `registered kinds: ${kinds.join(", ")}; install and use the plugin that provides ${kind}s` : "no plugin is registered: registry.use(plugin) first",
    });
  }
  const guess = didYouMean(name, sameKind);
  return new GantryError("REGISTRY_UNKNOWN_NAME", `unknown ${kind} "${name}"${guess ? `; did you mean "${guess}"?` : ""}`, {
    where, hint: `registered ${kind}s: ${sameKind.join(", ")}; a third-party one needs its plugin package installed and listed in plugins`,
  });
}

function parseWith(schema: z.ZodType | undefined, params: unknown, what: string, where?: ErrorLocation): unknown {
  if (!schema) return params ?? {};
  const result = schema.safeParse(params ?? {});
  if (result.success) return result.data;
  const { field, message, count } = paramsIssue(schema, result.error);
  return throwParams(what, field, message, count, where);
}

function throwParams(what: string, field: string, message: string, count: number, where?: ErrorLocation): never {
  const more = count > 1 ? ` (and ${count - 1} more problem${count > 2 ? "s" : ""})` : "";
  throw new GantryError("PARAMS_INVALID", `${message}${more}`, {
    where: { ...where, field: where?.field ? `${where.field}.${field}` : field },
    hint: `see the params of ${what} with \`gantry list\``,
  });
}

function checkInputs(e: PluginEntry, inputs: PortValues, where: ErrorLocation | undefined, tagOf: (v: unknown) => string | undefined): void {
  const ports = e.inputs ?? {};
  const names = Object.keys(ports);
  for (const given of Object.keys(inputs)) {
    if (!(given in ports)) {
      const guess = didYouMean(given, names);
      throw new GantryError("PORT_UNKNOWN", `${e.kind}/${e.name} has no input "${given}"${guess ? `; did you mean "${guess}"?` : ""}`, {
        where: { ...where, field: `with.${given}` },
        hint: names.length ? `its inputs are: ${names.join(", ")}` : `${e.kind}/${e.name} takes no inputs`,
      });
    }
  }
  for (const port of names) checkPort(e, port, parsePort(ports[port]), inputs[port], where, tagOf);
}

function checkPort(e: PluginEntry, port: string, spec: ParsedPort, value: unknown, where: ErrorLocation | undefined, tagOf: (v: unknown) => string | undefined): void {
  const field = `with.${port}`;
  if (value === undefined || value === null) {
    if (spec.optional) return;
    throw new GantryError("PORT_MISSING", `${e.kind}/${e.name} needs input "${port}" (a ${spec.kind})`, {
      where: { ...where, field }, hint: `bind "${port}" to a ${spec.kind} node`,
    });
  }
  const values = spec.list ? value : [value];
  if (!Array.isArray(values)) {
    throw new GantryError("PORT_WRONG_KIND", `input "${port}" of ${e.kind}/${e.name} takes a list of ${spec.kind}s`, {
      where: { ...where, field }, hint: `write ${port}: [a, b]`,
    });
  }
  values.forEach((v, i) => {
    const tag = tagOf(v);
    if ((tag !== undefined && tag !== spec.kind) || !looksLikeKind(spec.kind, v)) {
      throw new GantryError("PORT_WRONG_KIND",
        `input "${port}"${spec.list ? `[${i}]` : ""} of ${e.kind}/${e.name} must be a ${spec.kind}, got ${tag ? `a ${tag}` : "something else"}`,
        { where: { ...where, field: spec.list ? `${field}[${i}]` : field }, hint: `bind "${port}" to a ${spec.kind} node` });
    }
  });
}
