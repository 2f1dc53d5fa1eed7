// The built-in kinds: their names, the interface each one's values implement, the inversify token of
// each, and a structural check used to reject a value bound to the wrong kind of port.
import type { Backend } from "./backend.js";
import type { Dataset } from "./dataset.js";
import type { FeatureExtractor } from "./feature-extractor.js";
import type { AdversarialLoss } from "./loss.js";
import type { Lookahead } from "./lookahead.js";
import type { Method } from "./method.js";
import type { MultiGeneratorLoss } from "./multi-generator-loss.js";
import type { Metric } from "./metric.js";
import type { Network } from "./network.js";
import type { Optimizer } from "./optimizer.js";
import type { Regularizer } from "./regularizer.js";
import type { Sink } from "./sink.js";

export interface KindMap {
  backend: Backend;
  dataset: Dataset;
  network: Network;
  loss: AdversarialLoss;
  multiGeneratorLoss: MultiGeneratorLoss;
  regularizer: Regularizer;
  lookahead: Lookahead;
  optimizer: Optimizer;
  method: Method;
  metric: Metric;
  featureExtractor: FeatureExtractor;
  sink: Sink;
}

export type BuiltinKind = keyof KindMap;
/** Kind names are strings, open to third-party kinds. */
export type KindName = BuiltinKind | (string & {});
/** The value type of a kind: the interface for built-in kinds, unknown for others. */
export type KindValue<K extends string> = K extends BuiltinKind ? KindMap[K] : unknown;

export const builtinKinds: readonly BuiltinKind[] = [
  "backend", "dataset", "network", "loss", "multiGeneratorLoss", "regularizer", "lookahead",
  "optimizer", "method", "metric", "featureExtractor", "sink",
];

/** The container token of a kind: one per kind name, shared by every copy of core in a process. */
export function kindToken(kind: string): symbol {
  return Symbol.for(`gantry.${kind}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const hasFunctions = (v: unknown, ...names: string[]): boolean =>
  isObject(v) && names.every((n) => typeof v[n] === "function");

const guards: Readonly<Record<BuiltinKind, (v: unknown) => boolean>> = {
  backend: (v) => hasFunctions(v, "setup") && typeof (v as { name?: unknown }).name === "string",
  dataset: (v) => hasFunctions(v, "stream") && isObject((v as { info?: unknown }).info),
  network: (v) => hasFunctions(v, "init", "apply"),
  loss: (v) => hasFunctions(v, "discriminator", "generator"),
  multiGeneratorLoss: (v) => hasFunctions(v, "discriminator", "generator", "realProbability") && Number.isInteger((v as { generators?: unknown }).generators),
  regularizer: (v) => isObject(v) && typeof v.name === "string" &&
    ["transformInput", "penalty", "postUpdate", "wrapNetwork"].some((h) => typeof v[h] === "function"),
  lookahead: (v) => hasFunctions(v, "unroll"),
  optimizer: (v) => hasFunctions(v, "init", "update"),
  method: (v) => hasFunctions(v, "step", "sample", "exportState", "importState"),
  metric: (v) => hasFunctions(v, "evaluate"),
  featureExtractor: (v) => hasFunctions(v, "features"),
  sink: (v) => hasFunctions(v, "handle"),
};

/** Whether a value has the shape of the kind's interface (always true for unknown kinds). */
export function looksLikeKind(kind: string, value: unknown): boolean {
  const guard = (guards as Record<string, ((v: unknown) => boolean) | undefined>)[kind];
  return guard ? guard(value) : value !== undefined;
}
