// Synthetic Gaussian mixtures with known modes: `ring` (k modes on a circle, radius 2, σ 0.02 —
// Metz et al. 2017, Unrolled GANs) and `grid` (5×5 modes at {−4,−2,0,2,4}², σ 0.05 — PacGAN, VEEGAN).
// Optionally embedded in d dims by a fixed seeded orthonormal map, with isotropic noise in all d dims.
// Without `size` a stream draws fresh points forever; with `size` the mixture *is* that many fixed
// points (drawn once from `pointsSeed`), streamed like any finite dataset — shuffled, or with
// per-point `weights` (AdaGAN's reweighted data). Weights on an unbounded mixture are an error.
import { GantryError, Rng, tf, type BatchStream, type Dataset, type DatasetInfo, type MixtureInfo, type StreamOptions } from "@gantry/core";
import { batchStream } from "./batch-stream.js";
import { gatherSamples } from "./array-dataset.js";
import { drawCursor, indexCursor, resolveStreamOptions } from "./index-cursor.js";

export interface RingOptions { readonly modes?: number; readonly radius?: number; readonly std?: number }
export interface GridOptions { readonly side?: number; readonly spacing?: number; readonly std?: number }

export interface MixtureOptions {
  /** Sample dimension; above the centres' own (2), the mixture is embedded by an orthonormal map. */
  readonly dim?: number;
  /** Seed of the embedding map (fixed, independent of the stream seed). */
  readonly embedSeed?: number;
  /** A fixed set of this many points (streamed per epoch, reweightable); omitted: fresh draws forever. */
  readonly size?: number;
  /** Seed of the fixed points when `size` is given (independent of the stream seed). Default 0. */
  readonly pointsSeed?: number;
  readonly batchSize?: number;
  readonly name?: string;
}

/** k centres evenly spaced on a circle: (r cos 2πi/k, r sin 2πi/k). */
export function ringCentres(modes = 8, radius = 2): number[][] {
  return Array.from({ length: modes }, (_, i) => [radius * Math.cos((2 * Math.PI * i) / modes), radius * Math.sin((2 * Math.PI * i) / modes)]);
}

/** side×side centres on a grid centred at 0 with the given spacing ({−4,−2,0,2,4}² by default). */
export function gridCentres(side = 5, spacing = 2): number[][] {
  const offset = ((side - 1) * spacing) / 2;
  const out: number[][] = [];
  for (let i = 0; i < side; i++) for (let j = 0; j < side; j++) out.push([i * spacing - offset, j * spacing - offset]);
  return out;
}

/**
 * A d×m matrix with orthonormal columns (Gram–Schmidt on seeded Gaussian columns), as rows of length m:
 * it preserves distances, so the embedded mixture has the same geometry as the 2-D one.
 */
export function orthonormalMap(dim: number, from: number, seed: number): number[][] {
  const rng = Rng.seeded(seed);
  const cols: number[][] = [];
  while (cols.length < from) {
    const v = Array.from({ length: dim }, () => rng.nextNormal());
    for (const c of cols) {
      const dot = v.reduce((s, vi, i) => s + vi * c[i], 0);
      for (let i = 0; i < dim; i++) v[i] -= dot * c[i];
    }
    const norm = Math.hypot(...v);
    if (norm > 1e-8) cols.push(v.map((vi) => vi / norm));
  }
  return Array.from({ length: dim }, (_, r) => cols.map((c) => c[r]));
}

function embed(centres: number[][], map: number[][]): number[][] {
  return centres.map((c) => map.map((row) => row.reduce((s, m, j) => s + m * c[j], 0)));
}

export class MixtureDataset implements Dataset {
  readonly info: DatasetInfo & { readonly mixture: MixtureInfo };
  private readonly defaultBatchSize: number;
  private readonly flat: Float64Array;
  private readonly pointsSeed: number;
  private fixed?: Float32Array;

  constructor(centres: readonly (readonly number[])[], std: number, options: MixtureOptions = {}) {
    checkMixture(centres, std, options);
    const base = centres[0].length;
    const dim = options.dim ?? base;
    const placed = dim === base ? centres.map((c) => [...c]) : embed(centres.map((c) => [...c]), orthonormalMap(dim, base, options.embedSeed ?? 0));
    this.flat = Float64Array.from(placed.flat());
    this.defaultBatchSize = options.batchSize ?? 64;
    this.pointsSeed = options.pointsSeed ?? 0;
    this.info = { name: options.name ?? "mixture", sampleShape: [dim], size: options.size, mixture: { centres: placed, std } };
  }

  stream(options: StreamOptions = {}): BatchStream {
    const o = resolveStreamOptions(options, this.defaultBatchSize, this.info.size ?? Infinity);
    const size = this.info.size;
    if (size !== undefined) {
      const points = this.points(size);
      const d = this.info.sampleShape[0];
      const cursor = indexCursor(size, o);
      return batchStream(() => {
        const indices = cursor.next();
        return indices && { x: tf.tensor2d(gatherSamples(points, d, indices), [indices.length, d], "float32") };
      }, () => cursor.position());
    }
    if (o.weights !== undefined || o.order === "sequential") {
      throw new GantryError("DATA_NOT_REWEIGHTABLE", `dataset "${this.info.name}" draws fresh points forever: it has no fixed samples to weight or to read in order`, {
        where: { field: "weights" }, hint: "give the mixture a size (e.g. size: 50000): it then holds that many fixed points, which weights select from",
      });
    }
    const cursor = drawCursor(Infinity, o);
    return batchStream(() => {
      const n = cursor.take();
      return n === 0 ? undefined : { x: tf.tensor2d(this.draw(cursor.rng, n), [n, this.info.sampleShape[0]], "float32") };
    }, cursor.position);
  }

  /** The `size` fixed points of a finite mixture, drawn once from `pointsSeed`. */
  points(size: number): Float32Array {
    this.fixed ??= this.draw(Rng.seeded(this.pointsSeed).split("points"), size);
    return this.fixed;
  }

  /** n samples: a uniformly chosen mode's centre plus N(0, σ²I) noise, drawn in JS from the Rng. */
  draw(rng: Rng, n: number): Float32Array {
    const d = this.info.sampleShape[0];
    const k = this.info.mixture.centres.length;
    const std = this.info.mixture.std;
    const out = new Float32Array(n * d);
    for (let s = 0; s < n; s++) {
      const mode = rng.nextInt(k);
      for (let j = 0; j < d; j++) out[s * d + j] = this.flat[mode * d + j] + std * rng.nextNormal();
    }
    return out;
  }
}

function checkMixture(centres: readonly (readonly number[])[], std: number, options: MixtureOptions): void {
  const base = centres[0]?.length ?? 0;
  const bad = (msg: string, field: string, hint: string) => new GantryError("DATA_BAD_OPTIONS", msg, { where: { field }, hint });
  if (centres.length === 0 || base === 0 || centres.some((c) => c.length !== base)) throw bad("a mixture needs at least one centre, all of one length", "centres", "pass e.g. ringCentres(8, 2)");
  if (!(std > 0) || !Number.isFinite(std)) throw bad(`std must be positive, got ${std}`, "std", "use e.g. std: 0.02");
  const dim = options.dim ?? base;
  if (!Number.isSafeInteger(dim) || dim < base) throw bad(`dim must be an integer ≥ ${base}, got ${dim}`, "dim", `use dim ≥ ${base} (the centres' dimension)`);
  if (options.size !== undefined && !(Number.isSafeInteger(options.size) && options.size > 0)) throw bad(`size must be a positive integer, got ${options.size}`, "size", "omit size for an infinite stream");
}

/** The ring mixture (defaults: 8 modes, radius 2, σ 0.02). */
export function ring(options: RingOptions & MixtureOptions = {}): MixtureDataset {
  return new MixtureDataset(ringCentres(options.modes ?? 8, options.radius ?? 2), options.std ?? 0.02, { name: "ring", ...options });
}

/** The grid mixture (defaults: 5×5 modes at {−4,−2,0,2,4}², σ 0.05). */
export function grid(options: GridOptions & MixtureOptions = {}): MixtureDataset {
  return new MixtureDataset(gridCentres(options.side ?? 5, options.spacing ?? 2), options.std ?? 0.05, { name: "grid", ...options });
}
