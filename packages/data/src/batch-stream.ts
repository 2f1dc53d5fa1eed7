// A BatchStream from a "next batch" function: an AsyncIterableIterator that also reports its
// position. Batches are made one per `next()` call (nothing is prefetched), and the consumer owns
// and disposes each one; ending the loop early (`break`) ends the stream.
import type { Batch, BatchStream, StreamPosition } from "@gantry/core";

export function batchStream(nextBatch: () => Batch | undefined, position: () => StreamPosition): BatchStream {
  let done = false;
  const finished: IteratorResult<Batch> = { done: true, value: undefined };
  const stream: BatchStream = {
    async next() {
      if (done) return finished;
      const batch = nextBatch();
      if (batch === undefined) {
        done = true;
        return finished;
      }
      return { done: false, value: batch };
    },
    async return() {
      done = true;
      return finished;
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
    position,
  };
  return stream;
}
