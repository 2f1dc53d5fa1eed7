// Latent noise and fake-class labels, drawn from the trainer's seeded streams (docs/architecture.md): z ~ N(0, I)
// or U[−1, 1), shaped like the generator's input. Labels are uniform over the classes.
import { GantryError, tf, type Network, type Rng } from "@gantry/core";

export type LatentDist = "normal" | "uniform";

/** n latent vectors [n, ...shape]. */
export function sampleLatent(rng: Rng, n: number, shape: readonly number[], dist: LatentDist): tf.Tensor {
  return dist === "normal" ? rng.normal([n, ...shape]) : rng.uniform([n, ...shape], -1, 1);
}

/** n uniform class indices in [0, numClasses), int32 [n]. */
export function sampleLabels(rng: Rng, n: number, numClasses: number): tf.Tensor {
  const ys = new Int32Array(n);
  for (let i = 0; i < n; i++) ys[i] = rng.nextInt(numClasses);
  return tf.tensor1d(ys, "int32");
}

/** The generator's input shape, checked against a `latent.dim` param when one is given. */
export function latentShapeOf(generator: Network, dim: number | undefined): readonly number[] {
  const size = generator.inputShape.reduce((a, b) => a * b, 1);
  if (dim !== undefined && dim !== size) {
    throw new GantryError("METHOD_LATENT_MISMATCH", `latent.dim is ${dim} but the generator takes inputs of shape [${generator.inputShape}]`, {
      where: { field: "params.latent.dim" }, hint: `omit latent.dim (it defaults to ${size}) or build the generator with that input size`,
    });
  }
  return generator.inputShape;
}
