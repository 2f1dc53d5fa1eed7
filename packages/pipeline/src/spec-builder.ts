// The same spec as a YAML file, built in TypeScript: `specBuilder("ring").seed(7).node(...).build()`,
// then `fromSpecObject(spec)` validates its shape and gives it the text form stored in the run folder.
import { stringify } from "yaml";
import { parseSpecText, type LoadedSpec } from "./load-spec.js";
import type { Binding, NodeSpec, PipelineSpec, SinksSpec } from "./spec-schema.js";

export interface NodeOptions {
  readonly params?: Readonly<Record<string, unknown>>;
  readonly with?: Readonly<Record<string, Binding>>;
  readonly every?: number;
}

export class SpecBuilder {
  private readonly nodes: Record<string, NodeSpec> = {};
  private seedValue: number | undefined;
  private backends: readonly string[] | undefined;
  private pluginList: readonly string[] | undefined;
  private sinkSpec: SinksSpec | undefined;

  constructor(private readonly name: string) {}

  seed(seed: number): this {
    this.seedValue = seed;
    return this;
  }

  backend(...names: string[]): this {
    this.backends = names;
    return this;
  }

  plugins(...packages: string[]): this {
    this.pluginList = packages;
    return this;
  }

  node(id: string, use: string, options: NodeOptions = {}): this {
    this.nodes[id] = { use, ...options };
    return this;
  }

  sinks(sinks: SinksSpec): this {
    this.sinkSpec = sinks;
    return this;
  }

  build(): PipelineSpec {
    return {
      name: this.name,
      ...(this.seedValue !== undefined ? { seed: this.seedValue } : {}),
      ...(this.backends ? { backend: this.backends } : {}),
      ...(this.pluginList ? { plugins: this.pluginList } : {}),
      nodes: { ...this.nodes },
      ...(this.sinkSpec ? { sinks: this.sinkSpec } : {}),
    };
  }
}

export const specBuilder = (name: string): SpecBuilder => new SpecBuilder(name);

/** A spec object (from code) in the same form as a loaded file, checked the same way. */
export function fromSpecObject(spec: PipelineSpec, label = "<spec object>"): LoadedSpec {
  return parseSpecText(stringify(spec), label);
}
