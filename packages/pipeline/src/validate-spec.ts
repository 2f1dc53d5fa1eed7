// Validates a parsed spec against a registry before any tensor exists (docs/architecture.md): unknown
// backends, kinds and names, bad params, unknown/missing/dangling ports, ports wired to the wrong kind,
// cycles, and the one-training-node rule. It reports every problem it finds in one GantryError (its
// `issues`, by line), each naming the file, line, node and field and saying the fix. It does not
// check what only a created node knows (a method's named samplers, files a dataset reads).
import { GantryError, aggregateErrors, didYouMean, parsePort, type ParsedPort, type Registry } from "@gantry/core";
import type { LoadedSpec } from "./load-spec.js";
import { parseUse, type Binding, type InlineNode, type NodeSpec } from "./spec-schema.js";

/** One node of the validated graph (inline nodes get ids like "train.with.gOptimizer"). */
export interface GraphNode {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly params: unknown;
  /** Port → bound node id(s); lists keep their order. Sampler ports bound to a method are in `samplers`. */
  readonly inputs: Readonly<Record<string, string | readonly string[]>>;
  /** Sampler ports bound to a method's named sampler: `train.sampler` or `train.sampler.<name>`. */
  readonly samplers: Readonly<Record<string, SamplerRef>>;
  readonly ports: Readonly<Record<string, ParsedPort>>;
  readonly every?: number;
  /** Spec path of the node, for messages: ["nodes", "train"] or [..., "with", "loss"]. */
  readonly path: readonly (string | number)[];
}

/** A `sinks.loggers` entry, checked against the registry: a sink created when the run starts. */
export interface LoggerNode {
  readonly name: string;
  readonly params: unknown;
  /** ["sinks", "loggers", i], for messages. */
  readonly path: readonly (string | number)[];
}

export interface ValidatedGraph {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** Ids in creation order (dependencies first). */
  readonly order: readonly string[];
  readonly trainingNode: string;
  /** Metric nodes: with `every` they run periodically, without it once at the end. */
  readonly observers: readonly string[];
  /** The spec's `sinks.loggers`, in order. */
  readonly loggers: readonly LoggerNode[];
}

export interface ValidateOptions {
  /** "kind/name" → npm package that provides it, for "install X" hints. */
  readonly catalog?: Readonly<Record<string, string>>;
}

/** A method's sampler bound to a port: `<method>.sampler` (its default) or `<method>.sampler.<name>`. */
export interface SamplerRef {
  readonly method: string;
  readonly name?: string;
}

const SAMPLER_REF = /^([^.]+)\.sampler(?:\.(.+))?$/;

/** "losses", "methods": kind names in hints. */
const plural = (kind: string): string => (kind.endsWith("s") ? `${kind}es` : `${kind}s`);

/** The validated graph; every problem found is one issue of the GantryError it throws otherwise. */
export function validateSpec(loaded: LoadedSpec, registry: Registry, options: ValidateOptions = {}): ValidatedGraph {
  const ctx = new Context(loaded, registry, options);
  ctx.checkBackends();
  for (const [id, node] of Object.entries(loaded.spec.nodes)) ctx.addNode(id, node, ["nodes", id]);
  ctx.checkBindings();
  ctx.checkSamplerBindings();
  const loggers = ctx.loggers();
  ctx.checkKeepBest();
  const trainingNode = ctx.trainingNode();
  const order = ctx.topologicalOrder();
  if (ctx.issues.length > 0) throw aggregateErrors(ctx.issues);
  const observers = order.filter((id) => ctx.nodes.get(id)!.kind === "metric" && !id.includes("."));
  return { nodes: ctx.nodes, order, trainingNode, observers, loggers };
}

class Context {
  readonly nodes = new Map<string, GraphNode>();
  readonly issues: GantryError[] = [];
  /** Nodes whose `use` names nothing registered, by id → kind: bindings to them are not reported again. */
  private readonly unresolved = new Map<string, string>();
  private readonly pending: { from: string; port: string; ref: string; path: (string | number)[] }[] = [];
  private readonly pendingSamplers: { from: string; port: string; ref: SamplerRef; path: (string | number)[] }[] = [];

  constructor(
    private readonly loaded: LoadedSpec,
    private readonly registry: Registry,
    private readonly options: ValidateOptions,
  ) {}

  error(code: string, message: string, path: readonly (string | number)[], hint: string): GantryError {
    const node = path[0] === "nodes" ? String(path[1]) : undefined;
    const field = path.slice(node ? 2 : 0).join(".") || undefined;
    return new GantryError(code, message, { where: { file: this.loaded.file, line: this.loaded.lineOf(path), node, field }, hint });
  }

  /** Records a problem and lets validation go on, so one run reports them all. */
  report(code: string, message: string, path: readonly (string | number)[], hint: string): void {
    this.issues.push(this.error(code, message, path, hint));
  }

  /** The spec's backends, by name, against those registered (useBackend would only fail after the run began). */
  checkBackends(): void {
    const backend = this.loaded.spec.backend;
    if (backend === undefined) return;
    const known = this.registry.list("backend").map((e) => e.name);
    const names = typeof backend === "string" ? [backend] : backend;
    names.forEach((name, i) => {
      if (known.includes(name)) return;
      const guess = didYouMean(name, known);
      this.report("SPEC_UNKNOWN_BACKEND", `no backend named "${name}"${guess ? `; did you mean "${guess}"?` : ""}`,
        typeof backend === "string" ? ["backend"] : ["backend", i],
        known.length ? `registered backends: ${known.join(", ")}; list one or more, tried in order` : "no backend is registered: install @gantry/backend-wasm or @gantry/backend-cpu");
    });
  }

  addNode(id: string, node: NodeSpec | InlineNode, path: (string | number)[]): void {
    const { kind, name } = parseUse(node.use);
    if (!this.checkKnown(kind, name, [...path, "use"])) {
      this.unresolved.set(id, kind);
      return;
    }
    const entry = this.registry.get(kind, name).entry;
    const params = this.parseParams(kind, name, this.withSpecSeed(kind, name, node.params), path);
    const ports: Record<string, ParsedPort> = {};
    for (const [port, spec] of Object.entries(entry.inputs ?? {})) ports[port] = parsePort(spec);
    const every = "every" in node ? node.every : undefined;
    if (every !== undefined && kind !== "metric") {
      this.report("SPEC_EVERY_NOT_OBSERVER", `only metric nodes run every N steps; "${id}" is a ${kind}`, [...path, "every"],
        "remove every, or use a metric/… node as the observer");
    }
    const inputs: Record<string, string | string[]> = {};
    const samplers: Record<string, SamplerRef> = {};
    const given = new Set(Object.keys(node.with ?? {}));
    for (const [port, binding] of Object.entries(node.with ?? {})) {
      const portPath = [...path, "with", port];
      if (!Object.hasOwn(ports, port)) {
        const guess = didYouMean(port, Object.keys(ports));
        if (guess !== undefined) given.add(guess); // "no input los; did you mean loss" says loss is missing too
        this.report("SPEC_UNKNOWN_PORT", `${kind}/${name} has no input "${port}"${guess ? `; did you mean "${guess}"?` : ""}`, portPath,
          Object.keys(ports).length ? `its inputs are: ${Object.keys(ports).join(", ")}` : `${kind}/${name} takes no inputs`);
        continue;
      }
      const samplerRef = ports[port].kind === "sampler" && typeof binding === "string" ? SAMPLER_REF.exec(binding) : null;
      if (samplerRef) {
        const ref: SamplerRef = samplerRef[2] !== undefined ? { method: samplerRef[1], name: samplerRef[2] } : { method: samplerRef[1] };
        samplers[port] = ref;
        this.pendingSamplers.push({ from: id, port, ref, path: portPath });
        continue;
      }
      const bound = this.bind(id, port, ports[port], binding, portPath);
      if (bound !== undefined) inputs[port] = bound;
    }
    for (const [port, spec] of Object.entries(ports)) {
      if (!spec.optional && !given.has(port)) {
        this.report("SPEC_MISSING_PORT", `"${id}" (${kind}/${name}) needs input "${port}" (a ${spec.kind})`, [...path, "with"],
          `add with: { ${port}: <a ${spec.kind} node> }`);
      }
    }
    this.nodes.set(id, { id, kind, name, params, inputs, samplers, ports, every, path });
  }

  /** `sinks.checkpoint.keepBest.metric` names a metric node (an observer; its values are checked when it first reports). */
  checkKeepBest(): void {
    const keepBest = this.loaded.spec.sinks?.checkpoint?.keepBest;
    if (!keepBest) return;
    const node = this.nodes.get(keepBest.metric);
    if (node?.kind === "metric") return;
    const metrics = [...this.nodes.values()].filter((n) => n.kind === "metric").map((n) => n.id);
    this.report("SPEC_KEEP_BEST_METRIC", node ? `keepBest.metric "${keepBest.metric}" is a ${node.kind}, not a metric node`
      : `keepBest.metric "${keepBest.metric}" is not a node of this spec`, ["sinks", "checkpoint", "keepBest", "metric"],
    metrics.length ? `name one of the metric nodes: ${metrics.join(", ")}` : "add a metric node (e.g. use: metric/fid, every: 1000) and name it here");
  }

  /** The `sinks.loggers` entries: each a registered `sink/<name>` with valid params (problems reported). */
  loggers(): LoggerNode[] {
    const out: LoggerNode[] = [];
    (this.loaded.spec.sinks?.loggers ?? []).forEach((logger, i) => {
      const path = ["sinks", "loggers", i];
      const { kind, name } = parseUse(logger.use);
      if (!this.checkKnown(kind, name, [...path, "use"])) return;
      if (kind !== "sink") {
        this.report("SPEC_WRONG_KIND", `a logger must be a sink, but ${logger.use} is a ${kind}`, [...path, "use"],
          `use a sink/… entry (registered sinks: ${this.registry.list("sink").map((e) => e.name).join(", ") || "none"})`);
        return;
      }
      out.push({ name, params: this.parseParams(kind, name, logger.params, path), path });
    });
    return out;
  }

  /** False (and reported) when nothing registered provides kind/name. */
  private checkKnown(kind: string, name: string, path: (string | number)[]): boolean {
    if (this.registry.has(kind, name)) return true;
    const all = this.registry.list();
    const sameKind = all.filter((e) => e.kind === kind).map((e) => e.name);
    const provider = this.options.catalog?.[`${kind}/${name}`];
    if (sameKind.length === 0) {
      const kinds = [...new Set(all.map((e) => e.kind))];
      const guess = didYouMean(kind, kinds);
      this.report("SPEC_UNKNOWN_KIND", `unknown kind "${kind}"${guess ? `; did you mean "${guess}/${name}"?` : ""}`, path,
        provider ? `install ${provider} and list it in plugins` : `known kinds: ${kinds.sort().join(", ")}`);
      return false;
    }
    const guess = didYouMean(name, sameKind);
    this.report("SPEC_UNKNOWN_NAME", `no ${kind} named "${name}"${guess ? `; did you mean "${kind}/${guess}"?` : ""}`, path,
      provider ? `${kind}/${name} is provided by ${provider}: install it and add it to plugins` :
        `registered ${plural(kind)}: ${sameKind.sort().join(", ")}; a third-party ${kind} needs its package in plugins`);
    return false;
  }

  /** A method without its own seed gets the spec's top-level seed (when its params have one). */
  private withSpecSeed(kind: string, name: string, params: Readonly<Record<string, unknown>> | undefined): unknown {
    const seed = this.loaded.spec.seed;
    if (kind !== "method" || seed === undefined || (params && "seed" in params)) return params;
    const schema = this.registry.get(kind, name).entry.params as { shape?: Record<string, unknown> } | undefined;
    return schema?.shape && "seed" in schema.shape ? { ...params, seed } : params;
  }

  private parseParams(kind: string, name: string, params: unknown, path: (string | number)[]): unknown {
    try {
      return this.registry.parseParams(kind, name, params ?? {});
    } catch (e) {
      if (!(e instanceof GantryError) || e.code !== "PARAMS_INVALID") throw e;
      const field = (e.where.field ?? "params").split(".");
      const raw = e.message.split("\n")[0];
      const detail = raw.startsWith(`${e.where.field}: `) ? raw.slice(e.where.field!.length + 2) : raw;
      const message = /received undefined/.test(detail) ? "missing required param" : detail.replace(/^Invalid input: /, "");
      this.report("SPEC_BAD_PARAMS", message, [...path, ...field.map((f) => (/^\d+$/.test(f) ? Number(f) : f))],
        `see the params of ${kind}/${name} with \`gantry list ${kind}\``);
      return undefined;
    }
  }

  /** The bound node id(s); undefined (reported) when a list is given to a single port. */
  private bind(from: string, port: string, spec: ParsedPort, binding: Binding, path: (string | number)[]): string | string[] | undefined {
    if (Array.isArray(binding)) {
      if (!spec.list) {
        this.report("SPEC_NOT_A_LIST", `input "${port}" takes one ${spec.kind}, not a list`, path, `write ${port}: <node>`);
        return undefined;
      }
      return binding.map((b, i) => this.bindOne(from, `${port}[${i}]`, port, spec, b, [...path, i]));
    }
    const id = this.bindOne(from, port, port, spec, binding as string | InlineNode, path);
    return spec.list ? [id] : id;
  }

  private bindOne(from: string, label: string, port: string, want: ParsedPort, b: string | InlineNode, path: (string | number)[]): string {
    if (typeof b === "string") {
      this.pending.push({ from, port, ref: b, path });
      return b;
    }
    const id = `${from}.${label}`;
    this.addNode(id, b, path);
    const { kind, name } = parseUse(b.use);
    // An inline node is checked like a reference: its kind must be the port's (an unknown `use` is reported already).
    if (this.registry.has(kind, name) && kind !== want.kind) {
      this.report("SPEC_WRONG_KIND", `input "${port}" needs a ${want.kind}, but the inline node is a ${kind} (${kind}/${name})`, [...path, "use"],
        `bind ${port} to a ${want.kind} node${want.kind === "sampler" ? " (e.g. train.sampler)" : ""}`);
    }
    return id;
  }

  checkBindings(): void {
    const names = [...this.nodes.keys()].filter((n) => !n.includes("."));
    for (const { from, port, ref, path } of this.pending) {
      const target = this.nodes.get(ref);
      if (this.unresolved.has(ref) && !ref.includes(".")) continue; // its unknown `use` is reported already
      if (!target || ref.includes(".")) {
        const guess = didYouMean(ref, names);
        this.report("SPEC_DANGLING_REF", `no node "${ref}"${guess ? `; did you mean "${guess}"?` : ""}`, path,
          `define nodes.${ref}, or bind ${port} to one of: ${names.join(", ")}`);
        continue;
      }
      if (ref === from) {
        this.report("SPEC_CYCLE", `"${from}" is bound to itself`, path, "bind the port to another node");
        continue;
      }
      const want = this.nodes.get(from)!.ports[port];
      if (want.kind === "sampler" && (target.kind === "network" || target.kind === "method")) {
        const method = [...this.nodes.values()].find((n) => n.kind === "method" && !n.id.includes("."))?.id ?? "train";
        this.report("SPEC_SAMPLER_BINDING", `input "${port}" needs a sampler; "${ref}" is a ${target.kind}, and a method may train several generators`, path,
          `bind ${port}: ${method}.sampler (the trained generator, EMA weights when enabled) or ${method}.sampler.<name> (a named one, e.g. online)`);
      } else if (want.kind !== target.kind) {
        this.report("SPEC_WRONG_KIND", `input "${port}" needs a ${want.kind}, but "${ref}" is a ${target.kind} (${target.kind}/${target.name})`, path,
          `bind ${port} to a ${want.kind} node`);
      }
    }
  }

  checkSamplerBindings(): void {
    for (const { from, port, ref, path } of this.pendingSamplers) {
      const target = this.nodes.get(ref.method);
      if (this.unresolved.has(ref.method) && !ref.method.includes(".")) continue;
      if (!target || target.kind !== "method" || ref.method.includes(".")) {
        const methods = [...this.nodes.values()].filter((n) => n.kind === "method" && !n.id.includes(".")).map((n) => `${n.id}.sampler`);
        this.report("SPEC_DANGLING_REF", `"${ref.method}" in ${ref.method}.sampler${ref.name ? `.${ref.name}` : ""} is not a method node`, path,
          methods.length ? `bind ${port} to ${methods.join(" or ")}` : "add a method/… training node");
      } else if (ref.method === from) {
        this.report("SPEC_CYCLE", `"${from}" is bound to its own sampler`, path, "bind the port to the training node's sampler");
      }
    }
  }

  /** The one method node's id ("" when there is none or several, reported). */
  trainingNode(): string {
    const methods = [...this.nodes.values()].filter((n) => n.kind === "method");
    const unresolved = [...this.unresolved.values()].filter((k) => k === "method").length;
    if (methods.length === 1 && unresolved === 0) return methods[0].id;
    if (methods.length === 0 && unresolved === 0) {
      this.report("SPEC_NO_TRAINING_NODE", "the pipeline has no training node", ["nodes"],
        "add a node with use: method/alternating (see examples/)");
    } else if (methods.length > 1) {
      this.report("SPEC_MANY_TRAINING_NODES", `a pipeline has one training node; found ${methods.map((m) => `"${m.id}"`).join(", ")}`,
        methods[1].path, "keep one method node; compose methods inside it instead");
    }
    return "";
  }

  /**
   * Dependencies first; a port bound to a method's sampler depends on that method. Bindings already
   * reported (dangling, self) are skipped; each cycle is reported once, where it closes.
   */
  topologicalOrder(): string[] {
    const order: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const deps = (n: GraphNode): string[] => {
      const out: string[] = [];
      for (const bound of Object.values(n.inputs)) out.push(...(Array.isArray(bound) ? bound : [bound as string]));
      out.push(...Object.values(n.samplers).map((r) => r.method));
      return out.filter((d) => d !== n.id && this.nodes.has(d));
    };
    const visit = (id: string, trail: string[]): void => {
      if (state.get(id) === "done") return;
      if (state.get(id) === "visiting") {
        const cycle = [...trail.slice(trail.indexOf(id)), id];
        this.report("SPEC_CYCLE", `nodes depend on each other in a cycle: ${cycle.join(" → ")}`, this.nodes.get(id)!.path,
          "a node cannot (indirectly) take its own output; remove one of the bindings");
        return;
      }
      state.set(id, "visiting");
      for (const d of deps(this.nodes.get(id)!)) visit(d, [...trail, id]);
      state.set(id, "done");
      order.push(id);
    };
    for (const id of this.nodes.keys()) visit(id, []);
    return order;
  }
}
