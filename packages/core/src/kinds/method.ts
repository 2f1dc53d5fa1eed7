// Kind `method`: a trainer. One step() is one generator step (the unit of schedules and `every`).
// Its whole state exports as tensors (Params, prefixed names) plus JSON, for checkpoints.
import type * as tf from "@tensorflow/tfjs-core";
import type { Params } from "../params.js";
import type { Sampler, TrainedNetwork } from "./network.js";

/** Scalars reported by a step (losses, D(real), D(fake), gradient norms…). */
export type StepStats = Readonly<Record<string, number>>;

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [k: string]: JsonValue };

export interface MethodState {
  /** Every tensor of the trainer, with prefixed names ("generator/params/dense0/kernel"). */
  readonly tensors: Params;
  /** Everything else (step, RNG states, data position), JSON-serialisable. */
  readonly json: JsonValue;
}

export interface Method {
  /** Number of completed generator steps. */
  readonly stepCount: number;
  /**
   * The method's length: how many step() calls it plans, from its own params (alternating: `steps`;
   * a method with rounds: rounds × steps per round). A pipeline runs until stepCount reaches it.
   */
  readonly totalSteps?: number;
  step(): Promise<StepStats>;
  /** n generated samples (EMA weights when enabled); the caller disposes the tensor. */
  sample(n: number, seed: number, labels?: tf.Tensor): tf.Tensor;
  /**
   * A sampler for observers, by name: none is the method's default (its trained generator, EMA weights
   * when enabled; a mixture for methods with several generators); others are listed in `samplerNames`.
   * Specs bind them explicitly: `generator: train.sampler` or `generator: train.sampler.<name>`.
   */
  sampler(name?: string): Sampler;
  /** The names `sampler(name)` accepts besides the default (e.g. "online", "generator.2"). */
  readonly samplerNames?: readonly string[];
  /** A network of the method by role ("generator", "discriminator"), with its current state. */
  trained(role: string): TrainedNetwork | undefined;
  /** A copy of the whole state; the caller disposes its tensors. */
  exportState(): MethodState;
  /** Replaces the whole state with a copy of `state` (the caller keeps ownership of its tensors). */
  importState(state: MethodState): void;
  dispose(): void;
}
