// sink/tensorboard: scalars as TensorBoard event files, `<dir>/events.out.tfevents.<seconds>.<host>`, one per
// sink (a resumed run adds a file; TensorBoard merges a folder's files). Step stats are tagged by their key
// ("gLoss"), metric values `<node>/<key>` ("coverage/modes"). Samples and checkpoints are not written.
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import type { GantryEvent, Sink } from "@gantry/core";
import { fileVersionEvent, scalarsEvent, type ScalarValue } from "./event-proto.js";
import { tfRecord } from "./tfrecord.js";

export interface TensorboardSinkOptions {
  /** Folder the event file is written to (created if missing). */
  readonly dir: string;
  /** Seconds since the epoch, for wall_time and the file name (tests pin it). */
  readonly clock?: () => number;
}

const seconds = (): number => Date.now() / 1000;

export function tensorboardSink(options: TensorboardSinkOptions): Sink {
  const clock = options.clock ?? seconds;
  mkdirSync(options.dir, { recursive: true });
  const start = clock();
  const file = join(options.dir, `events.out.tfevents.${Math.floor(start)}.${hostname()}`);
  let fd: number | undefined = openSync(file, "a");
  writeSync(fd, tfRecord(fileVersionEvent(start)));

  const write = (step: number, values: readonly ScalarValue[]): void => {
    if (fd === undefined || values.length === 0) return;
    writeSync(fd, tfRecord(scalarsEvent(clock(), step, values)));
  };
  return {
    name: "tensorboard",
    handle(event: GantryEvent): void {
      if (event.type === "step") write(event.step, Object.entries(event.stats).map(([tag, value]) => ({ tag, value })));
      else if (event.type === "metric") {
        write(event.step, Object.entries(event.result.values).map(([k, value]) => ({ tag: `${event.node}/${k}`, value })));
      }
    },
    close(): void {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
