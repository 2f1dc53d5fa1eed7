// Test support: an in-memory Dataset and Sampler over fixed sample arrays, so metric entries can be
// evaluated end to end without @gantry/data or @gantry/models.
import { Rng, tf, type Batch, type BatchStream, type Dataset, type DatasetInfo, type Sampler, type StreamOptions } from "@gantry/core";

/** A dataset over rows of `data` (each row one sample of `sampleShape`), streamed in order. */
export function arrayDataset(data: Float32Array, sampleShape: readonly number[], info: Partial<DatasetInfo> = {}): Dataset {
  const size = sampleShape.reduce((a, b) => a * b, 1);
  const n = data.length / size;
  return {
    info: { name: "array", sampleShape, size: n, ...info },
    stream(options: StreamOptions = {}): BatchStream {
      const batchSize = options.batchSize ?? 32;
      let index = 0;
      const next = async (): Promise<IteratorResult<Batch>> => {
        if (index >= n) return { done: true, value: undefined };
        const rows = Math.min(batchSize, n - index);
        const x = tf.tensor(data.slice(index * size, (index + rows) * size), [rows, ...sampleShape]);
        index += rows;
        return { done: false, value: { x } };
      };
      const stream: BatchStream = {
        next, position: () => ({ epoch: 0, index, rng: Rng.seeded(0).state() }),
        [Symbol.asyncIterator]: () => stream,
      };
      return stream;
    },
  };
}

/** A sampler drawing rows of `make(rng)` (one sample per call), seeded per call. */
export function functionSampler(sampleShape: readonly number[], make: (rng: Rng) => number[]): Sampler {
  return {
    sampleShape,
    sample(n: number, seed: number): tf.Tensor {
      const rng = Rng.seeded(seed);
      const rows = Array.from({ length: n }, () => make(rng)).flat();
      return tf.tensor(rows, [n, ...sampleShape]);
    },
  };
}

/** An 8×8 grey image (values in [−1, 1]) with a bright 3×3 square whose corner is at (r, c). */
export function squareImage(r: number, c: number): number[] {
  return Array.from({ length: 64 }, (_, i) => {
    const y = Math.floor(i / 8);
    const x = i % 8;
    return y >= r && y < r + 3 && x >= c && x < c + 3 ? 1 : -1;
  });
}
