// The MLP's activations by name. leakyRelu comes from layers/activations.ts (twice differentiable
// in TF.js, for gradient penalties); the rest are TF.js ops. No parameters (no PReLU).
import { tf, type FusedDenseActivation } from "@gantry/core";
import { leakyRelu } from "../layers/activations.js";
import type { MlpActivation } from "./mlp-schema.js";

export type ActivationFn = (x: tf.Tensor) => tf.Tensor;

/** The activation function for a name; `alpha` is leakyRelu's negative slope. */
export function mlpActivation(name: MlpActivation | "none", alpha: number): ActivationFn {
  switch (name) {
    case "relu": return (x) => tf.relu(x);
    case "leakyRelu": return (x) => leakyRelu(x, alpha);
    case "tanh": return (x) => tf.tanh(x);
    case "elu": return (x) => tf.elu(x);
    case "softplus": return (x) => tf.softplus(x);
    case "sigmoid": return (x) => tf.sigmoid(x);
    case "linear":
    case "none": return (x) => x;
  }
}

/** The activation the dense layer applies itself (core's fusedDense) for a name, if it is one of those. */
export function fusedActivation(name: MlpActivation | "none"): FusedDenseActivation | undefined {
  return name === "relu" ? "relu" : name === "linear" || name === "none" ? "linear" : undefined;
}
