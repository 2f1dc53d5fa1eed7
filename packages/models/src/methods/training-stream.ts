// The real-data stream of a training method: opened from the method's data seed (and batch size),
// repeating forever, reopened at a saved position on import, and read batch by batch with a clear
// error if a dataset ends anyway. Shared by every method that trains on a dataset (alternating, madgan).
import { GantryError, type Batch, type BatchStream, type Dataset, type StreamPosition } from "@gantry/core";

export class TrainingStream {
  private stream: BatchStream;

  constructor(private readonly data: Dataset, private readonly seed: number, private readonly batchSize?: number) {
    this.stream = this.open();
  }

  private open(position?: StreamPosition): BatchStream {
    return this.data.stream({
      seed: this.seed, repeat: true,
      ...(this.batchSize !== undefined ? { batchSize: this.batchSize } : {}),
      ...(position ? { position } : {}),
    });
  }

  /** The next real batch (the caller disposes it); `step` is for the error message. */
  async next(step: number): Promise<Batch> {
    const r = await this.stream.next();
    if (r.done) {
      throw new GantryError("METHOD_DATA_ENDED", "the training data stream ended", {
        where: { step }, hint: "a training dataset must repeat (stream({ repeat: true }))",
      });
    }
    return r.value;
  }

  position(): StreamPosition {
    return this.stream.position();
  }

  /** Continues from a saved position (a checkpoint's). */
  reopen(position: StreamPosition): void {
    this.close();
    this.stream = this.open(position);
  }

  close(): void {
    void this.stream.return?.();
  }
}
