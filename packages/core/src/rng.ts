// Rng: a seeded, splittable, serialisable random stream (xoshiro128**, Blackman & Vigna 2018),
// one per purpose (init, data order, latent noise, instance noise) so a resumed run reproduces the
// uninterrupted one (docs/architecture.md). Not cryptographic. Tensors are drawn through TF.js's seeded ops
// with a seed taken from this stream, so the same seed gives the same numbers on every backend.
import * as tf from "@tensorflow/tfjs-core";
import { GantryError } from "./errors.js";
import { seededNormal } from "./seeded-normal.js";

/**
 * JSON-serialisable Rng state: the four 32-bit words of xoshiro128**, and the root word that
 * `split` derives child streams from (so a restored stream splits like the original; states saved
 * without it split from a root derived from the words).
 */
export interface RngState {
  readonly kind: "xoshiro128**";
  readonly s: readonly [number, number, number, number];
  readonly root?: number;
}

const isUint32 = (w: unknown): boolean => Number.isInteger(w) && (w as number) >= 0 && (w as number) < 2 ** 32;

/** splitmix32: expands one 32-bit seed into well-mixed words (used only for seeding). */
function splitmix32(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a hash of a purpose string, mixed with a seed: split("init") is stable across runs. */
function hashPurpose(seed: number, purpose: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < purpose.length; i++) h = Math.imul(h ^ purpose.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

export class Rng {
  private s: [number, number, number, number];
  private readonly root: number;

  private constructor(state: readonly number[], root: number) {
    this.s = [state[0] >>> 0, state[1] >>> 0, state[2] >>> 0, state[3] >>> 0];
    this.root = root >>> 0;
  }

  /** A stream seeded by an integer (any JS number; its low 32 bits and high bits are mixed). */
  static seeded(seed: number): Rng {
    if (!Number.isFinite(seed)) {
      throw new GantryError("RNG_BAD_SEED", `seed must be a finite number, got ${seed}`, {
        hint: "pass an integer such as 7",
      });
    }
    const mixed = (Math.floor(seed) ^ Math.floor(seed / 2 ** 32)) >>> 0;
    const next = splitmix32(mixed);
    return new Rng([next(), next(), next(), next()], mixed);
  }

  /** Restores a stream saved with `state()`; it continues exactly where it stopped. */
  static fromState(state: RngState): Rng {
    const valid = state?.kind === "xoshiro128**" && state.s?.length === 4 && state.s.every(isUint32) &&
      !state.s.every((w) => w === 0) && (state.root === undefined || isUint32(state.root));
    if (!valid) {
      throw new GantryError("RNG_BAD_STATE", "not a valid Rng state", {
        hint: "use the object returned by rng.state()",
      });
    }
    return new Rng(state.s, state.root ?? state.s[0] ^ state.s[3]);
  }

  /** An independent stream for one purpose; depends only on this stream's seed and the name. */
  split(purpose: string): Rng {
    return Rng.seeded(hashPurpose(this.root, purpose));
  }

  state(): RngState {
    return { kind: "xoshiro128**", s: [...this.s] as [number, number, number, number], root: this.root };
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] = (s[2] ^ s[0]) >>> 0;
    s[3] = (s[3] ^ s[1]) >>> 0;
    s[1] = (s[1] ^ s[2]) >>> 0;
    s[0] = (s[0] ^ s[3]) >>> 0;
    s[2] = (s[2] ^ t) >>> 0;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** Uniform float in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n). */
  nextInt(n: number): number {
    return Math.floor(this.nextFloat() * n);
  }

  /** Standard normal (Box–Muller), float64. */
  nextNormal(): number {
    let u = 0;
    while (u === 0) u = this.nextFloat();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.nextFloat());
  }

  /**
   * A seed for TF.js's seeded random ops (a positive integer below 2^31). Never 0: TF.js's
   * randomNormal treats seed 0 as "no seed" and draws from Math.random.
   */
  nextSeed(): number {
    return this.nextUint32() >>> 1 || 1;
  }

  /** Normal tensor N(mean, std²) of the given shape, float32: tf.randomNormal's numbers for the next seed. */
  normal(shape: readonly number[], mean = 0, std = 1): tf.Tensor {
    return seededNormal(shape, mean, std, this.nextSeed());
  }

  /** Uniform tensor U[min, max) of the given shape, float32. */
  uniform(shape: readonly number[], min = 0, max = 1): tf.Tensor {
    return tf.randomUniform([...shape], min, max, "float32", this.nextSeed());
  }

  /** In-place Fisher–Yates shuffle of an index array; returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}
