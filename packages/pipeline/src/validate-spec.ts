// Validates a parsed spec against a registry before any tensor exists (docs/architecture.md): unknown
// kinds/names, bad params, unknown/missing/dangling ports, ports wired to the wrong kind, cycles, and
// the one-training-node rule. Every error names the file, line, node and field and says the fix.
import { GantryError, didYouMean, parsePort, type ParsedPort, type Registry } from "@gantry/core";
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

export interface ValidatedGraph {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** Ids in creation order (dependencies first). */
  readonly order: readonly string[];
  readonly trainingNode: string;
  /** Metric nodes: with `every` they run periodically, without it once at the end. */
  readonly observers: readonly string[];
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

export function validateSpec(loaded: LoadedSpec, registry: Registry, options: ValidateOptions = {}): ValidatedGraph {
  const ctx = new Context(loaded, registry, options);
  for (const [id, node] of Object.entries(loaded.spec.nodes)) ctx.addNode(id, node, ["nodes", id]);
  ctx.checkBindings();
  ctx.checkSamplerBindings();
  const trainingNode = ctx.trainingNode();
  const order = ctx.topologicalOrder();
  const observers = order.filter((id) => ctx.nodes.get(id)!.kind === "metric" && !id.includes("."));
  return { nodes: ctx.nodes, order, trainingNode, observers };
}

class Context {
  readonly nodes = new Map<string, GraphNode>();
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

  addNode(id: string, node: NodeSpec | InlineNode, path: (string | number)[]): void {
    const { kind, name } = parseUse(node.use);
    this.checkKnown(kind, name, [...path, "use"]);
    const entry = this.registry.get(kind, name).entry;
    const params = this.parseParams(kind, name, this.withSpecSeed(kind, name, node.params), path);
    const ports: Record<string, ParsedPort> = {};
    for (const [port, spec] of Object.entries(entry.inputs ?? {})) ports[port] = parsePort(spec);
    const every = "every" in node ? node.every : undefined;
    if (every !== undefined && kind !== "metric") {
      throw this.error("SPEC_EVERY_NOT_OBSERVER", `only metric nodes run every N steps; "${id}" is a ${kind}`, [...path, "every"],
        "remove every, or use a metric/… node as the observer");
    }
    const inputs: Record<string, string | string[]> = {};
    const samplers: Record<string, SamplerRef> = {};
    for (const [port, binding] of Object.entries(node.with ?? {})) {
      const portPath = [...path, "with", port];
      if (!(port in ports)) {
        const guess = didYouMean(port, Object.keys(ports));
        throw this.error("SPEC_UNKNOWN_PORT", `${kind}/${name} has no input "${port}"${guess ? `; did you mean "${guess}"?` : ""}`, portPath,
          Object.keys(ports).length ? `its inputs are: ${Object.keys(ports).join(", ")}` : `${kind}/${name} takes no inputs`);
      }
      const samplerRef = ports[port].kind === "sampler" && typeof binding === "string" ? SAMPLER_REF.exec(binding) : null;
      if (samplerRef) {
        const ref: SamplerRef = samplerRef[2] !== undefined ? { method: samplerRef[1], name: samplerRef[2] } : { method: samplerRef[1] };
        samplers[port] = ref;
        this.pendingSamplers.push({ from: id, port, ref, path: portPath });
        continue;
      }
      inputs[port] = this.bind(id, port, ports[port], binding, portPath);
    }
    for (const [port, spec] of Object.entries(ports)) {
      if (!spec.optional && !(port in inputs) && !(port in samplers)) {
        throw this.error("SPEC_MISSING_PORT", `"${id}" (${kind}/${name}) needs input "${port}" (a ${spec.kind})`, [...path, "with"],
          `add with: { ${port}: <a ${spec.kind} node> }`);
      }
    }
    this.nodes.set(id, { id, kind, name, params, inputs, samplers, ports, every, path });
  }

  private checkKnown(kind: string, name: string, path: (string | number)[]): void {
    if (this.registry.has(kind, name)) return;
    const all = this.registry.list();
    const sameKind = all.filter((e) => e.kind === kind).map((e) => e.name);
    const provider = this.options.catalog?.[`${kind}/${name}`];
    if (sameKind.length === 0) {
      const kinds = [...new Set(all.map((e) => e.kind))];
      const guess = didYouMean(kind, kinds);
      throw this.error("SPEC_UNKNOWN_KIND", `unknown kind "${kind}"${guess ? `; did you mean "${guess}/${name}"?` : ""}`, path,
        provider ? `install ${provider} and list it in plugins` : `known kinds: ${kinds.sort().join(", ")}`);
    }
    const guess = didYouMean(name, sameKind);
    throw this.error("SPEC_UNKNOWN_NAME", `no ${kind} named "${name}"${guess ? `; did you mean "${kind}/${guess}"?` : ""}`, path,
      provider ? `${kind}/${name} is provided by ${provider}: install it and add it to plugins` :
        `registered ${kind}s: ${sameKind.sort().join(", ")}; a third-party ${kind} needs its package in plugins`);
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
      throw this.error("SPEC_BAD_PARAMS", message, [...path, ...field.map((f) => (/^\d+$/.test(f) ? Number(f) : f))],
        `see the params of ${kind}/${name} with \`gantry list ${kind}\``);
    }
  }

  private bind(from: string, port: string, spec: ParsedPort, binding: Binding, path: (string | number)[]): string | string[] {
    if (Array.isArray(binding)) {
      if (!spec.list) throw this.error("SPEC_NOT_A_LIST", `input "${port}" takes one ${spec.kind}, not a list`, path, `write ${port}: <node>`);
      return binding.map((b, i) => this.bindOne(from, `${port}[${i}]`, port, b, [...path, i]));
    }
    const id = this.bindOne(from, port, port, binding as string | InlineNode, path);
    return spec.list ? [id] : id;
  }

  private bindOne(from: string, label: string, port: string, b: string | InlineNode, path: (string | number)[]): string {
    if (typeof b === "string") {
      this.pending.push({ from, port, ref: b, path });
      return b;
    }
    const id = `${from}.${label}`;
    this.addNode(id, b, path);
    return id;
  }

  checkBindings(): void {
    const names = [...this.nodes.keys()].filter((n) => !n.includes("."));
    for (const { from, port, ref, path } of this.pending) {
      const target = this.nodes.get(ref);
      if (!target || ref.includes(".")) {
        const guess = didYouMean(ref, names);
        throw this.error("SPEC_DANGLING_REF", `no node "${ref}"${guess ? `; did you mean "${guess}"?` : ""}`, path,
          `define nodes.${ref}, or bind ${port} to one of: ${names.join(", ")}`);
      }
      if (ref === from) throw this.error("SPEC_CYCLE", `"${from}" is bound to itself`, path, "bind the port to another node");
      const want = this.nodes.get(from)!.ports[port];
      if (want.kind === "sampler" && (target.kind === "network" || target.kind === "method")) {
        const method = [...this.nodes.values()].find((n) => n.kind === "method" && !n.id.includes("."))?.id ?? "train";
        throw this.error("SPEC_SAMPLER_BINDING", `input "${port}" needs a sampler; "${ref}" is a ${target.kind}, and a method may train several generators`, path,
          `bind ${port}: ${method}.sampler (the trained generator, EMA weights when enabled) or ${method}.sampler.<name> (a named one, e.g. online)`);
      }
      if (want.kind !== target.kind) {
        throw this.error("SPEC_WRONG_KIND", `input "${port}" needs a ${want.kind}, but "${ref}" is a ${target.kind} (${target.kind}/${target.name})`, path,
          `bind ${port} to a ${want.kind} node`);
      }
    }
  }

  checkSamplerBindings(): void {
    for (const { from, port, ref, path } of this.pendingSamplers) {
      const target = this.nodes.get(ref.method);
      if (!target || target.kind !== "method" || ref.method.includes(".")) {
        const methods = [...this.nodes.values()].filter((n) => n.kind === "method" && !n.id.includes(".")).map((n) => `${n.id}.sampler`);
        throw this.error("SPEC_DANGLING_REF", `"${ref.method}" in ${ref.method}.sampler${ref.name ? `.${ref.name}` : ""} is not a method node`, path,
          methods.length ? `bind ${port} to ${methods.join(" or ")}` : "add a method/… training node");
      }
      if (ref.method === from) throw this.error("SPEC_CYCLE", `"${from}" is bound to its own sampler`, path, "bind the port to the training node's sampler");
    }
  }

  trainingNode(): string {
    const methods = [...this.nodes.values()].filter((n) => n.kind === "method");
    if (methods.length === 1) return methods[0].id;
    if (methods.length === 0) {
      throw this.error("SPEC_NO_TRAINING_NODE", "the pipeline has no training node", ["nodes"],
        "add a node with use: method/alternating (see examples/)");
    }
    throw this.error("SPEC_MANY_TRAINING_NODES", `a pipeline has one training node; found ${methods.map((m) => `"${m.id}"`).join(", ")}`,
      methods[1].path, "keep one method node; compose methods inside it instead");
  }

  /** Dependencies first; a port bound to a method's sampler depends on that method. */
  topologicalOrder(): string[] {
    const order: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const deps = (n: GraphNode): string[] => {
      const out: string[] = [];
      for (const bound of Object.values(n.inputs)) out.push(...(Array.isArray(bound) ? bound : [bound as string]));
      out.push(...Object.values(n.samplers).map((r) => r.method));
      return out;
    };
    const visit = (id: string, trail: string[]): void => {
      if (state.get(id) === "done") return;
      if (state.get(id) === "visiting") {
        const cycle = [...trail.slice(trail.indexOf(id)), id];
        throw this.error("SPEC_CYCLE", `nodes depend on each other in a cycle: ${cycle.join(" → ")}`, this.nodes.get(id)!.path,
          "a node cannot (indirectly) take its own output; remove one of the bindings");
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
