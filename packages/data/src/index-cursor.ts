// Which samples each batch holds: a seeded shuffle per epoch, or (AdaGAN) draws with replacement in
// proportion to per-sample weights; batch size, drop-last and repeat-forever. Pure JS, no tensors,
// so the order is the same on every backend. A position {epoch, index, rng} restores the same order.
import { GantryError, Rng, type StreamOptions, type StreamPosition } from "@gantry/core";

export interface IndexCursor {
  /** The sample indices of the next batch, or undefined when a non-repeating stream is done. */
  next(): Int32Array | undefined;
  position(): StreamPosition;
}

export interface ResolvedStreamOptions {
  readonly batchSize: number;
  readonly seed: number;
  readonly repeat: boolean;
  readonly dropLast: boolean;
  readonly position?: StreamPosition;
  readonly weights?: ArrayLike<number>;
  readonly order: "shuffled" | "sequential";
}

/** Fills in defaults (batchSize from the dataset's params, seed 0, repeat, dropLast) and checks them. */
export function resolveStreamOptions(options: StreamOptions, defaultBatchSize: number, size: number): ResolvedStreamOptions {
  const batchSize = options.batchSize ?? defaultBatchSize;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new GantryError("DATA_BAD_OPTIONS", `batchSize must be a positive integer, got ${batchSize}`, { where: { field: "batchSize" }, hint: "use e.g. batchSize: 64" });
  }
  const resolved = { batchSize, seed: options.seed ?? 0, repeat: options.repeat ?? true, dropLast: options.dropLast ?? true, position: options.position, weights: options.weights, order: options.order ?? "shuffled" };
  if (resolved.order !== "shuffled" && resolved.order !== "sequential") {
    throw new GantryError("DATA_BAD_OPTIONS", `order must be "shuffled" or "sequential", got ${JSON.stringify(resolved.order)}`, { where: { field: "order" }, hint: "omit order for a shuffled stream" });
  }
  if (resolved.order === "sequential" && resolved.weights !== undefined) {
    throw new GantryError("DATA_BAD_OPTIONS", "a sequential stream cannot also be weighted", {
      where: { field: "order" }, hint: "weights draw samples at random in proportion; read in index order without weights",
    });
  }
  if (resolved.dropLast && batchSize > size) {
    throw new GantryError("DATA_BAD_OPTIONS", `batchSize ${batchSize} is larger than the dataset (${size} samples) and dropLast is on, so no batch could be made`,
      { where: { field: "batchSize" }, hint: `use batchSize ≤ ${size}, or dropLast: false` });
  }
  return resolved;
}

/** Epoch bookkeeping shared by every cursor: how many samples the next batch takes. */
class EpochCounter {
  constructor(
    private readonly size: number,
    private readonly o: ResolvedStreamOptions,
    public epoch: number,
    public index: number,
  ) {}

  /** Samples in the next batch (0: done), calling onEpoch whenever a new epoch starts. */
  take(onEpoch: () => void): number {
    for (;;) {
      const left = this.size - this.index;
      if (left >= this.o.batchSize || (left > 0 && !this.o.dropLast)) {
        const n = Math.min(this.o.batchSize, left);
        this.index += n;
        return n;
      }
      if (!this.o.repeat) return 0;
      this.epoch += 1;
      this.index = 0;
      onEpoch();
    }
  }
}

function checkPosition(p: StreamPosition, size: number): Rng {
  const ok = Number.isSafeInteger(p?.epoch) && p.epoch >= 0 && Number.isSafeInteger(p.index) && p.index >= 0 && p.index <= size;
  if (!ok) {
    throw new GantryError("DATA_BAD_POSITION", `stream position ${JSON.stringify(p)} is not valid for a dataset of ${size} samples`,
      { where: { field: "position" }, hint: "pass the object returned by stream.position() of a stream over the same dataset" });
  }
  return Rng.fromState(p.rng);
}

/** Every sample once per epoch, in an order reshuffled from the seeded Rng at each epoch start. */
export function shuffledCursor(size: number, o: ResolvedStreamOptions): IndexCursor {
  const rng = o.position ? checkPosition(o.position, size) : Rng.seeded(o.seed);
  const counter = new EpochCounter(size, o, o.position?.epoch ?? 0, o.position?.index ?? 0);
  const order = new Int32Array(size);
  // The position stores the Rng state from *before* this epoch's shuffle, so restoring re-derives it.
  let epochStart = rng.state();
  const shuffle = (): void => {
    epochStart = rng.state();
    for (let i = 0; i < size; i++) order[i] = i;
    for (let i = size - 1; i > 0; i--) {
      const j = rng.nextInt(i + 1);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  };
  shuffle();
  return {
    next() {
      const n = counter.take(shuffle);
      return n === 0 ? undefined : order.slice(counter.index - n, counter.index);
    },
    position: () => ({ epoch: counter.epoch, index: counter.index, rng: epochStart }),
  };
}

/** Every sample once per epoch in index order (no randomness; the position's rng is the seed's, unused). */
export function sequentialCursor(size: number, o: ResolvedStreamOptions): IndexCursor {
  const rng = o.position ? checkPosition(o.position, size) : Rng.seeded(o.seed);
  const counter = new EpochCounter(size, o, o.position?.epoch ?? 0, o.position?.index ?? 0);
  return {
    next() {
      const n = counter.take(() => {});
      if (n === 0) return undefined;
      return Int32Array.from({ length: n }, (_, k) => counter.index - n + k);
    },
    position: () => ({ epoch: counter.epoch, index: counter.index, rng: rng.state() }),
  };
}

/** Draws with replacement, P(i) ∝ weights[i] (AdaGAN's reweighted data); an epoch is `size` draws. */
export function weightedCursor(weights: ArrayLike<number>, o: ResolvedStreamOptions): IndexCursor {
  const cumulative = cumulativeWeights(weights);
  const size = weights.length;
  const rng = o.position ? checkPosition(o.position, size) : Rng.seeded(o.seed);
  const counter = new EpochCounter(size, o, o.position?.epoch ?? 0, o.position?.index ?? 0);
  const total = cumulative[size - 1];
  return {
    next() {
      const n = counter.take(() => {});
      if (n === 0) return undefined;
      const out = new Int32Array(n);
      for (let k = 0; k < n; k++) out[k] = upperBound(cumulative, rng.nextFloat() * total);
      return out;
    },
    position: () => ({ epoch: counter.epoch, index: counter.index, rng: rng.state() }),
  };
}

/** Running sums in float64; rejects negative, non-finite and all-zero weights. */
function cumulativeWeights(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!Number.isFinite(w) || w < 0) {
      throw new GantryError("DATA_BAD_WEIGHTS", `weights[${i}] is ${w}; weights must be finite and ≥ 0`, { where: { field: "weights" }, hint: "pass one non-negative weight per sample" });
    }
    sum += w;
    out[i] = sum;
  }
  if (!(sum > 0)) throw new GantryError("DATA_BAD_WEIGHTS", "weights sum to 0", { where: { field: "weights" }, hint: "give at least one sample a positive weight" });
  return out;
}

/** First i with cumulative[i] > u (binary search); zero-weight samples are never chosen. */
function upperBound(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A cursor for a finite dataset: weighted when options carry weights (one per sample), else shuffled or sequential. */
export function indexCursor(size: number, o: ResolvedStreamOptions): IndexCursor {
  if (o.weights === undefined) return o.order === "sequential" ? sequentialCursor(size, o) : shuffledCursor(size, o);
  if (o.weights.length !== size) {
    throw new GantryError("DATA_BAD_WEIGHTS", `${o.weights.length} weights given for ${size} samples`, { where: { field: "weights" }, hint: "pass exactly one weight per sample" });
  }
  return weightedCursor(o.weights, o);
}

/** Counting cursor for synthetic streams: positions only (samples come from the returned Rng). */
export function drawCursor(size: number, o: ResolvedStreamOptions): { rng: Rng; take(): number; position(): StreamPosition } {
  const rng = o.position ? checkPosition(o.position, size) : Rng.seeded(o.seed);
  const counter = new EpochCounter(size, o, o.position?.epoch ?? 0, o.position?.index ?? 0);
  return { rng, take: () => counter.take(() => {}), position: () => ({ epoch: counter.epoch, index: counter.index, rng: rng.state() }) };
}
