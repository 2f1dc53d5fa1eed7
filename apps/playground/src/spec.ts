// The playground's settings as a Gantry spec: a pure function settings → spec object → YAML that
// `gantry run` accepts unchanged (the same node types and params as the CLI; `gantry list` shows them).
// The page trains from this same object (build-trainer.ts), so what it shows is what the export runs.
// It does not check params against the plugins' schemas: `gantry validate` and the registry do that.
import { GantryError } from "@gantry/core";
import { Document, isScalar, isSeq, visit } from "yaml";

export const DATASETS = ["ring", "grid"] as const;
export const LOSSES = ["non-saturating", "minimax", "wasserstein", "hinge", "least-squares", "relativistic-average"] as const;
export const REGULARIZERS = ["none", "gradient-penalty", "r1", "r2", "roth", "instance-noise", "spectral-norm", "weight-clipping"] as const;

export type DatasetName = (typeof DATASETS)[number];
export type LossName = (typeof LOSSES)[number];
export type RegularizerName = (typeof REGULARIZERS)[number];

export interface PlaygroundSettings {
  readonly dataset: DatasetName;
  /** The binary loss of method/alternating; MAD-GAN (madganGenerators > 1) has its own (k + 1)-way loss. */
  readonly loss: LossName;
  readonly regularizer: RegularizerName;
  /** Unrolled GAN look-ahead K (Metz et al. 2017); 0 is the plain GAN. */
  readonly unrolledSteps: number;
  /** MAD-GAN's k generators (Ghosh et al. 2018); 1 is a single generator (method/alternating). */
  readonly madganGenerators: number;
  /** The run's length: `train.params.steps`, and the horizon of annealed regularizers. */
  readonly steps: number;
  readonly batchSize: number;
  /** Adam's learning rate for both players. */
  readonly learningRate: number;
  readonly dSteps: number;
  readonly seed: number;
}

export const DEFAULT_SETTINGS: PlaygroundSettings = Object.freeze({
  dataset: "ring", loss: "non-saturating", regularizer: "none", unrolledSteps: 0, madganGenerators: 1,
  steps: 3000, batchSize: 128, learningRate: 0.001, dSteps: 1, seed: 1,
});

/** Both networks' hidden layers: wide enough for 25 grid modes, small enough for ~100 steps/s on wasm. */
export const HIDDEN = [64, 64] as const;
/** Latent size: a few dimensions more than the data's 2 keep G from folding one sheet over the modes. */
export const LATENT = 8;

export type SpecValue = string | number | boolean | readonly SpecValue[] | { readonly [k: string]: SpecValue };
export interface SpecNode {
  readonly use: string;
  readonly params?: { readonly [k: string]: SpecValue };
  readonly with?: { readonly [k: string]: string | readonly string[] | SpecNode };
  readonly every?: number;
}
export interface PlaygroundSpec {
  readonly name: string;
  readonly seed: number;
  readonly backend: readonly string[];
  /** In dependency order: a node only refers to nodes above it. */
  readonly nodes: { readonly [id: string]: SpecNode };
  readonly sinks: { readonly [k: string]: { readonly [k: string]: number } };
}

function datasetNode(s: PlaygroundSettings): SpecNode {
  const params: Record<string, number> = s.dataset === "ring" ? { modes: 8, radius: 2, std: 0.05 } : { side: 5, spacing: 2, std: 0.05 };
  return { use: `dataset/${s.dataset}`, params: { ...params, batchSize: s.batchSize } };
}

function mlpNode(input: number, output: number): SpecNode {
  return { use: "network/mlp", params: { input, hidden: [...HIDDEN], output, activation: "leakyRelu" } };
}

function adamNode(lr: number): SpecNode {
  return { use: "optimizer/adam", params: { lr, betas: [0.5, 0.999] } };
}

function checkSettings(s: PlaygroundSettings): void {
  const ints: (keyof PlaygroundSettings)[] = ["unrolledSteps", "madganGenerators", "steps", "batchSize", "dSteps", "seed"];
  for (const key of ints) {
    const v = s[key] as number;
    const min = key === "unrolledSteps" || key === "seed" ? 0 : 1;
    if (!Number.isInteger(v) || v < min) {
      throw new GantryError("PLAYGROUND_BAD_SETTING", `${key}: ${v} is not an integer ≥ ${min}`, { hint: `set ${key} to a whole number ≥ ${min}` });
    }
  }
  if (!(s.learningRate > 0)) throw new GantryError("PLAYGROUND_BAD_SETTING", `learningRate: ${s.learningRate} is not > 0`, { hint: "e.g. 0.001" });
  if (s.madganGenerators > 1 && s.unrolledSteps > 0) {
    throw new GantryError("PLAYGROUND_BAD_SETTING", "MAD-GAN (madganGenerators > 1) with Unrolled K > 0: method/madgan has no lookahead port", {
      hint: "set Unrolled K to 0, or MAD-GAN k to 1",
    });
  }
}

/** The train node: method/alternating (any loss, regularizer, look-ahead) or method/madgan. */
function trainNode(s: PlaygroundSettings, hasRegularizer: boolean): SpecNode {
  const madgan = s.madganGenerators > 1;
  const ports: Record<string, string | readonly string[] | SpecNode> = {
    data: "data", generator: "generator", discriminator: "critic",
    loss: madgan ? { use: "multiGeneratorLoss/mad-gan", params: { generators: s.madganGenerators } } : "loss",
    ...(hasRegularizer ? { regularizers: ["regularizer"] } : {}),
    ...(s.unrolledSteps > 0 ? { lookahead: "unroll" } : {}),
    gOptimizer: adamNode(s.learningRate),
    dOptimizer: adamNode(s.learningRate),
  };
  const params = { steps: s.steps, ...(madgan ? { generators: s.madganGenerators } : {}), ...(s.dSteps > 1 ? { dSteps: s.dSteps } : {}) };
  return { use: madgan ? "method/madgan" : "method/alternating", with: ports, params };
}

/** The spec of `settings`, nodes in dependency order; throws a GantryError on settings no spec can hold. */
export function buildSpec(settings: PlaygroundSettings): PlaygroundSpec {
  checkSettings(settings);
  const s = settings;
  const madgan = s.madganGenerators > 1;
  const nodes: Record<string, SpecNode> = {
    data: datasetNode(s),
    generator: mlpNode(LATENT, 2),
    critic: mlpNode(2, madgan ? s.madganGenerators + 1 : 1),
    ...(madgan ? {} : { loss: { use: `loss/${s.loss}` } }),
    ...(s.regularizer === "none" ? {} : { regularizer: { use: `regularizer/${s.regularizer}` } }),
    ...(s.unrolledSteps > 0 ? { unroll: { use: "lookahead/unrolled", params: { steps: s.unrolledSteps, mode: "second-order", batches: "same" } } } : {}),
    train: trainNode(s, s.regularizer !== "none"),
    coverage: { use: "metric/mode-coverage", with: { generator: "train.sampler", data: "data" }, every: Math.max(1, Math.round(s.steps / 10)) },
  };
  return {
    name: `playground-${s.dataset}`, seed: s.seed, backend: ["native", "wasm", "cpu"], nodes,
    sinks: { samples: { every: Math.max(1, Math.round(s.steps / 10)), n: 1000 }, log: { every: 10 } },
  };
}

/** A one-line summary of the settings, written as the YAML's header comment. */
function describe(s: PlaygroundSettings): string {
  const method = s.madganGenerators > 1 ? `MAD-GAN k=${s.madganGenerators}` : `loss ${s.loss}`;
  const unroll = s.unrolledSteps > 0 ? `, unrolled K=${s.unrolledSteps}` : "";
  return `${s.dataset}, ${method}, regularizer ${s.regularizer}${unroll}, Adam lr ${s.learningRate}, batch ${s.batchSize}`;
}

/** The spec as YAML, for `gantry run exported.yaml`; lists and maps of plain values on one line, as in examples/specs. */
export function specYaml(settings: PlaygroundSettings): string {
  const doc = new Document(buildSpec(settings));
  // Two passes: a map is flowed when its values are scalars or already-flowed lists.
  visit(doc, { Seq: (_, node) => { if (node.items.every((item) => isScalar(item))) node.flow = true; } });
  visit(doc, { Map: (_, node) => { if (node.items.every((pair) => isScalar(pair.value) || (isSeq(pair.value) && pair.value.flow))) node.flow = true; } });
  doc.commentBefore = ` Exported from the Gantry playground (apps/playground): ${describe(settings)}.\n Run it: gantry run <this file>`;
  return doc.toString({ flowCollectionPadding: true, lineWidth: 0 });
}
