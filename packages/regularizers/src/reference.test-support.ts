// Test support: the PyTorch reference (fixtures/regularizer_reference.json, made by
// fixtures/make_regularizer_fixtures.py), the same MLP discriminator built with @gantry/models, and a
// PenaltyContext over it as the alternating method builds one (D's logits as functions of its params).
import { readFileSync } from "node:fs";
import { Rng, tf, type Network, type Params, type PenaltyContext, type PenaltyLabels } from "@gantry/core";
import { mlp } from "@gantry/models";

interface JsonTensor { readonly shape: number[]; readonly values: number[] }
export interface ReferenceCase {
  readonly weights: Record<string, JsonTensor>;
  readonly roth: number;
  readonly gp: number;
  readonly gpOneSided: number;
  readonly gpUnitTarget: number;
  readonly gpTarget: number;
  readonly r1: number;
  readonly r2: number;
  readonly spectral: {
    readonly u0: Record<string, JsonTensor>;
    readonly v0: Record<string, JsonTensor>;
    readonly after: Record<string, { readonly sigma: number; readonly u: number[]; readonly v: number[] }>;
    readonly logitsReal: number[];
  };
}
export interface Reference {
  readonly real: JsonTensor;
  readonly fake: JsonTensor;
  readonly alpha: JsonTensor;
  readonly cases: Readonly<Record<"leakyRelu" | "tanh", ReferenceCase>>;
  readonly conv: { readonly kernel: JsonTensor; readonly u0: JsonTensor; readonly sigma: number; readonly u: number[]; readonly normalised: JsonTensor };
}

export const reference: Reference = JSON.parse(readFileSync(new URL("./fixtures/regularizer_reference.json", import.meta.url), "utf8"));
export const activations = ["leakyRelu", "tanh"] as const;
export type Activation = (typeof activations)[number];

export const toTensor = (t: JsonTensor): tf.Tensor => tf.tensor(t.values, t.shape);

/** The fixture's discriminator: 2 → 8 → 8 → 1, leakyRelu(0.2) or tanh, linear logit. */
export function referenceD(activation: Activation): Network {
  return mlp({ input: 2, hidden: [8, 8], output: 1, activation, alpha: 0.2 });
}

export function referenceParams(activation: Activation): Params {
  return Object.fromEntries(Object.entries(reference.cases[activation].weights).map(([k, t]) => [k, toTensor(t)]));
}

/** A PenaltyContext for D under params p; labels are ignored (unconditional D). */
export function penaltyContext(
  D: Network, p: Params, state: Params, real: tf.Tensor, fake: tf.Tensor, rng = Rng.seeded(3), step = 0, totalSteps?: number,
): PenaltyContext {
  const discriminator = (x: tf.Tensor, _labels?: PenaltyLabels) => D.apply(p, state, x, { training: true }).y;
  return {
    step, rng, ...(totalSteps !== undefined ? { totalSteps } : {}), discriminator, real, fake,
    realLogits: discriminator(real), fakeLogits: discriminator(fake),
  };
}

export const relativeError = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
