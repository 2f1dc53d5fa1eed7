// The pipeline spec (docs/architecture.md): named nodes `{ use: "<kind>/<name>", params, with, every }`, one
// training node (a method), top-level seed/backend/plugins/sinks/guard. This schema checks the spec's own
// shape only; node params and ports are checked against the registry by validateSpec.
import type { KeepBestSpec } from "./best-checkpoint.js";
import { z } from "@gantry/core";

export const USE_PATTERN = /^([A-Za-z][A-Za-z0-9]*)\/([a-z0-9][a-z0-9._-]*)$/i;

/** An inline node, bound directly to a port: `{ use, params, with }`. */
export interface InlineNode {
  readonly use: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly with?: Readonly<Record<string, Binding>>;
}

/** What a port is bound to: a node name, an inline node, or a list of those. */
export type Binding = string | InlineNode | readonly (string | InlineNode)[];

export interface NodeSpec extends InlineNode {
  /** Observers only: run every N training steps. */
  readonly every?: number;
}

export interface SinksSpec {
  readonly checkpoint?: {
    readonly every: number;
    readonly keep?: number;
    /** Also keep the checkpoint with the best value of a metric node so far, in <run>/best/ (best-checkpoint.ts). */
    readonly keepBest?: KeepBestSpec;
  };
  readonly samples?: { readonly every: number; readonly n?: number };
  readonly log?: { readonly every?: number };
  readonly report?: { readonly every?: number };
  /** Sink plugins (`sink/<name>`) that receive every event of the run, in order, e.g. `{ use: sink/csv }`. */
  readonly loggers?: readonly LoggerSpec[];
}

/** A logger: a registered sink, created with the run folder (CreateContext.runDir) and these params. */
export interface LoggerSpec {
  readonly use: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/**
 * What the run does when a step statistic or a parameter is NaN or ±Inf (numerical-guard.ts): stop
 * (default), or roll back to the last checkpoint with every optimizer's learning rate scaled.
 */
export interface GuardSpec {
  readonly onNonFinite?: "stop" | "rollback";
  /** Rollbacks before the run stops anyway (default 3). */
  readonly maxRollbacks?: number;
  /** Factor on the learning rates at each rollback, compounding (default 0.5). */
  readonly lrScale?: number;
  /** When parameters are checked: before each checkpoint (and at the end; default), or after every step. */
  readonly checkParams?: "checkpoint" | "step";
}

export interface PipelineSpec {
  readonly name: string;
  readonly seed?: number;
  readonly backend?: string | readonly string[];
  readonly plugins?: readonly string[];
  readonly nodes: Readonly<Record<string, NodeSpec>>;
  readonly sinks?: SinksSpec;
  readonly guard?: GuardSpec;
}

const useSchema = z.string().regex(USE_PATTERN, { message: 'must look like "<kind>/<name>", e.g. "loss/hinge"' });
const params = z.record(z.string(), z.unknown());

const inlineNode: z.ZodType<InlineNode> = z.lazy(() =>
  z.object({ use: useSchema, params: params.optional(), with: z.record(z.string(), binding).optional() }).strict(),
);
const bindingItem = z.union([z.string().min(1), inlineNode]);
const binding: z.ZodType<Binding> = z.lazy(() => z.union([bindingItem, z.array(bindingItem)]));

const nodeName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, { message: "node names are letters, digits, _ and -" });
const every = z.number().int().positive();

export const specSchema: z.ZodType<PipelineSpec> = z.object({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: "name is used as a folder name: letters, digits, . _ -" }),
  seed: z.number().int().nonnegative().optional(),
  backend: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
  plugins: z.array(z.string().min(1)).optional(),
  nodes: z.record(nodeName, z.object({
    use: useSchema, params: params.optional(), with: z.record(z.string(), binding).optional(), every: every.optional(),
  }).strict()).refine((n) => Object.keys(n).length > 0, { message: "a pipeline needs at least one node" }),
  sinks: z.object({
    checkpoint: z.object({
      every, keep: z.number().int().positive().optional(),
      keepBest: z.object({
        metric: nodeName.describe("a metric node of this spec"),
        value: z.string().min(1).optional().describe("which of its values (needed when it reports more than one)"),
        mode: z.enum(["min", "max"]).describe("min for FID/KID, max for mode coverage or precision"),
      }).strict().optional(),
    }).strict().optional(),
    samples: z.object({ every, n: z.number().int().positive().max(1024).optional() }).strict().optional(),
    log: z.object({ every: every.optional() }).strict().optional(),
    report: z.object({ every: every.optional() }).strict().optional(),
    loggers: z.array(z.object({ use: useSchema, params: params.optional() }).strict()).optional(),
  }).strict().optional(),
  guard: z.object({
    onNonFinite: z.enum(["stop", "rollback"]).optional()
      .describe("on NaN/Inf in a step statistic or a parameter: stop (exit 1, default) or roll back to the last checkpoint"),
    maxRollbacks: z.number().int().positive().max(100).optional().describe("rollbacks before the run stops anyway (default 3)"),
    lrScale: z.number().gt(0).lt(1).optional().describe("factor on every optimizer's learning rate at each rollback, compounding (default 0.5)"),
    checkParams: z.enum(["checkpoint", "step"]).optional()
      .describe("check parameters before each checkpoint and at the end (default), or after every step"),
  }).strict().optional(),
}).strict();

/**
 * A spec without `backend:` tries these in order: the GPU backends where a GPU is present, then the
 * OpenBLAS one where its addon was built (@gantry/backend-native; faster than wasm on every model
 * benchmarks/speed measures), tfjs-node, then wasm and cpu, which every machine has.
 */
export const DEFAULT_BACKENDS: readonly string[] = ["webgpu", "node-gpu", "native", "node", "wasm", "cpu"];

/** Splits "loss/hinge" into its kind and name. */
export function parseUse(use: string): { kind: string; name: string } {
  const m = USE_PATTERN.exec(use);
  return m ? { kind: m[1], name: m[2] } : { kind: "", name: use };
}
