// Initial weights of one MLP layer: PyTorch's nn.Linear default (kaiming_uniform_ with a = √5, which
// reduces to U(±1/√fan_in), and the same bound for biases) or DCGAN's N(0, 0.02²) with zero biases.
import { tf, type Params, type Rng } from "@gantry/core";
import { dcganWeight } from "../layers/dcgan-init.js";

export type MlpInit = "pytorch" | "dcgan";

/** { kernel [fanIn, fanOut], bias [fanOut] } for one dense layer. */
export function initDenseLayer(rng: Rng, fanIn: number, fanOut: number, scheme: MlpInit): Params {
  if (scheme === "dcgan") return { kernel: dcganWeight(rng, [fanIn, fanOut]), bias: tf.zeros([fanOut]) };
  const bound = 1 / Math.sqrt(fanIn);
  return { kernel: rng.uniform([fanIn, fanOut], -bound, bound), bias: rng.uniform([fanOut], -bound, bound) };
}
