// Test support (not exported): a small 8-Gaussian ring Dataset (Metz et al. 2017: radius 2) with a
// resumable position, and the share of samples within 3σ of their nearest mode (VEEGAN's "high quality").
import { Rng, tf, type Batch, type BatchStream, type Dataset, type StreamOptions } from "@gantry/core";

export function ringCentres(modes = 8, radius = 2): number[][] {
  return Array.from({ length: modes }, (_, i) => [radius * Math.cos((2 * Math.PI * i) / modes), radius * Math.sin((2 * Math.PI * i) / modes)]);
}

export function ringDataset(opts: { std?: number; batchSize?: number; numClasses?: boolean } = {}): Dataset {
  const std = opts.std ?? 0.02;
  const centres = ringCentres();
  return {
    info: { name: "ring", sampleShape: [2], ...(opts.numClasses ? { numClasses: 8 } : {}), mixture: { centres, std } },
    stream(o: StreamOptions = {}): BatchStream {
      const n = o.batchSize ?? opts.batchSize ?? 64;
      const rng = o.position ? Rng.fromState(o.position.rng) : Rng.seeded(o.seed ?? 0);
      let index = o.position?.index ?? 0;
      const stream: BatchStream = {
        async next(): Promise<IteratorResult<Batch>> {
          const xs = new Float32Array(2 * n);
          const ys = new Int32Array(n);
          for (let i = 0; i < n; i++) {
            const m = rng.nextInt(centres.length);
            ys[i] = m;
            xs[2 * i] = centres[m][0] + std * rng.nextNormal();
            xs[2 * i + 1] = centres[m][1] + std * rng.nextNormal();
          }
          index++;
          const x = tf.tensor2d(xs, [n, 2]);
          return { done: false, value: opts.numClasses ? { x, y: tf.tensor1d(ys, "int32") } : { x } };
        },
        async return() { return { done: true, value: undefined }; },
        [Symbol.asyncIterator]() { return stream; },
        position: () => ({ epoch: 0, index, rng: rng.state() }),
      };
      return stream;
    },
  };
}

/** Share of samples within 3σ of their nearest centre, and how many centres are nearest to such a sample. */
export function ringQuality(samples: ArrayLike<number>, std: number): { highQuality: number; modes: number } {
  const centres = ringCentres();
  let good = 0;
  const hit = new Set<number>();
  const n = samples.length / 2;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let arg = -1;
    centres.forEach((c, j) => {
      const d = Math.hypot(samples[2 * i] - c[0], samples[2 * i + 1] - c[1]);
      if (d < best) [best, arg] = [d, j];
    });
    if (best <= 3 * std) {
      good++;
      hit.add(arg);
    }
  }
  return { highQuality: good / n, modes: hit.size };
}
