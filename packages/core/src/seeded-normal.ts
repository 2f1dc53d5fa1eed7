// Normal tensors with exactly the numbers of tf.randomNormal(shape, mean, std, "float32", seed): the same
// alea stream, seeded by seedrandom as TF.js seeds it, and Marsaglia's polar method with the same
// floating-point operations in the same order — without tfjs-core's per-value method calls and its
// generic TensorBuffer. ≈ 25 % less time per latent batch; the numbers do not change, so every seeded
// run reproduces as before (docs/performance.md). Tested bit for bit against tf.randomNormal.
// A backend may provide the loop as the SeededNormal kernel (the native backend does, in C; its speed is in
// docs/performance.md): it gets alea's state after seeding, so seeding stays here, in seedrandom.
import * as tf from "@tensorflow/tfjs-core";
import seedrandom from "seedrandom";
import { GantryError } from "./errors.js";

/** The kernel name a backend registers its own loop under (no inputs; attrs SeededNormalAttrs; float32 output). */
export const SeededNormal = "GantrySeededNormal";

/** alea's state after seedrandom seeded it with String(seed), as tf.randomNormal's generator starts. */
export interface AleaState { readonly s0: number; readonly s1: number; readonly s2: number; readonly c: number }

export interface SeededNormalAttrs extends AleaState {
  readonly shape: number[];
  readonly mean: number;
  readonly std: number;
}

function aleaState(seed: number): AleaState {
  // tf.randomNormal treats a falsy seed as "no seed" (Math.random); these functions are for seeded streams.
  if (!Number.isFinite(seed) || seed === 0) {
    throw new GantryError("RNG_BAD_SEED", `seeded normal: seed must be a finite non-zero number, got ${seed}`, { hint: "draw one with rng.nextSeed()" });
  }
  return seedrandom.alea(String(seed), { state: true }).state() as AleaState;
}

/** `size` float32 normals N(mean, std²), the first `size` that tf.randomNormal draws for this seed. */
export function seededNormalValues(size: number, mean: number, std: number, seed: number): Float32Array {
  let { s0, s1, s2, c } = aleaState(seed);
  const out = new Float32Array(size);
  let i = 0;
  while (i < size) {
    let v1: number, v2: number, s: number;
    do {
      // alea's next(), twice: t = 2091639·s0 + c·2⁻³², then c = ⌊t⌋ and the output is t − c.
      let t = 2091639 * s0 + c * 2.3283064365386963e-10;
      s0 = s1; s1 = s2; c = t | 0; s2 = t - c;
      v1 = 2 * s2 - 1;
      t = 2091639 * s0 + c * 2.3283064365386963e-10;
      s0 = s1; s1 = s2; c = t | 0; s2 = t - c;
      v2 = 2 * s2 - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s === 0);
    const scale = Math.sqrt((-2.0 * Math.log(s)) / s);
    out[i++] = mean + std * v1 * scale;
    if (i < size) out[i++] = mean + std * v2 * scale; // the pair's second value (tf.randomNormal keeps it for the next draw)
  }
  return out;
}

/** tf.randomNormal(shape, mean, std, "float32", seed), the same numbers, faster (the backend's kernel if it has one). */
export function seededNormal(shape: readonly number[], mean: number, std: number, seed: number): tf.Tensor {
  if (tf.getKernel(SeededNormal, tf.getBackend())) {
    const attrs: SeededNormalAttrs = { shape: [...shape], mean, std, ...aleaState(seed) };
    return tf.engine().runKernel(SeededNormal, {}, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
  }
  return tf.tensor(seededNormalValues(tf.util.sizeFromShape([...shape]), mean, std, seed), [...shape], "float32");
}
