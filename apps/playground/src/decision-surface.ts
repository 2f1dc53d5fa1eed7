// D's decision surface on a size×size grid over the plot's extent, as GAN Lab draws it: D(x) = P(real)
// for probability losses (sigmoid of the logit) and MAD-GAN (softmax column 0, "real" of k + 1 classes);
// the raw critic value for critic losses (Wasserstein, hinge, least squares), scaled by the caller.
import { Rng, tf, type Method } from "@gantry/core";

/** How D's output reads: a probability in [0, 1], or an unbounded critic score. */
export type SurfaceScale = "probability" | "critic";

export interface Surface {
  readonly size: number;
  /** Row-major, row 0 at the top (largest y). */
  readonly values: Float32Array;
  readonly scale: SurfaceScale;
}

export interface Extent {
  readonly min: number;
  readonly max: number;
}

function gridPoints(extent: Extent, size: number): Float32Array {
  const xy = new Float32Array(size * size * 2);
  const step = (extent.max - extent.min) / (size - 1);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      xy[2 * (r * size + c)] = extent.min + c * step;
      xy[2 * (r * size + c) + 1] = extent.max - r * step;
    }
  }
  return xy;
}

/** Evaluates the trainer's current D on the grid; undefined when the method has no discriminator. */
export async function decisionSurface(trainer: Method, extent: Extent, size: number, scale: SurfaceScale): Promise<Surface | undefined> {
  const d = trainer.trained("discriminator");
  if (!d) return undefined;
  const out = tf.tidy(() => {
    const x = tf.tensor2d(gridPoints(extent, size), [size * size, 2]);
    // An rng for wrapped discriminators that draw noise; with training: false none should.
    const y = d.network.apply(d.params, d.state, x, { training: false, rng: Rng.seeded(0) }).y;
    if (outputs(d) > 1) return tf.reshape(tf.slice(tf.softmax(y), [0, 0], [-1, 1]), [-1]);
    return tf.reshape(scale === "probability" ? tf.sigmoid(y) : y, [-1]);
  });
  try {
    const values = (await out.data()) as Float32Array;
    return { size, values, scale: outputs(d) > 1 ? "probability" : scale };
  } finally {
    out.dispose();
  }
}

/** D's outputs per sample: 1 logit, or k + 1 for MAD-GAN. */
function outputs(d: NonNullable<ReturnType<Method["trained"]>>): number {
  return d.network.outputShape[0] ?? 1;
}
