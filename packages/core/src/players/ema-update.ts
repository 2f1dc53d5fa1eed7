// Exponential moving average of the generator's weights (Yazıcı et al. 2019): θ̄ ← β·θ̄ + (1 − β)·θ,
// after every generator update. Network state (batch-norm statistics) is not averaged: samples use G's.
import * as tf from "@tensorflow/tfjs-core";
import { zipParams, type Params } from "../params.js";

/** New averaged params (the inputs are untouched; no intermediate outlives the call, tidy or not). */
export function emaUpdate(average: Params, params: Params, decay: number): Params {
  return tf.tidy(() => zipParams(average, params, (a, p) => tf.add(tf.mul(a, decay), tf.mul(p, 1 - decay))));
}
