// `sinks.checkpoint.keepBest: { metric, value, mode }`: the run also keeps the checkpoint with the best
// value of one metric so far, in <run>/best/step-N (pruning of the rolling checkpoints never touches it),
// with best/best.json saying which metric, value and step. Like Keras's `save_best_only` and Lightning's
// `ModelCheckpoint(monitor, mode)`. `gantry sample|eval <run>/best/step-N` read it as any checkpoint.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GantryError, disposeParams, type ErrorLocation, type MethodState } from "@gantry/core";
import { listCheckpoints, removeCheckpoint, writeCheckpoint } from "./checkpoint.js";
import { paramsDivergence } from "./numerical-guard.js";

export interface KeepBestSpec {
  /** A metric node of the spec (an observer: it has `every`, or runs at the end). */
  readonly metric: string;
  /** Which of its values; may be left out when the metric reports exactly one. */
  readonly value?: string;
  readonly mode: "min" | "max";
}

/** best/best.json. */
export interface BestRecord {
  readonly step: number;
  readonly metric: string;
  readonly value: string;
  readonly score: number;
  readonly mode: "min" | "max";
  readonly path: string;
}

export const bestDir = (runPath: string): string => join(runPath, "best");

/** The run's best checkpoint so far, or undefined before the first one. */
export function readBest(runPath: string): BestRecord | undefined {
  const file = join(bestDir(runPath), "best.json");
  if (!existsSync(file)) return undefined;
  const record = JSON.parse(readFileSync(file, "utf8")) as BestRecord;
  return existsSync(record.path) ? record : undefined;
}

export class BestCheckpoint {
  private best: BestRecord | undefined;

  constructor(private readonly runPath: string, private readonly spec: KeepBestSpec, private readonly where: ErrorLocation) {
    this.best = readBest(runPath);
  }

  /**
   * Offers one result of a metric node: when it is the monitored metric and its value beats the best so
   * far, writes the current state (exported by `state`, disposed here) as the best checkpoint and
   * returns the new record. A NaN score never wins, nor does a state with a NaN/±Inf parameter.
   */
  async consider(node: string, step: number, values: Readonly<Record<string, number>>, specHash: string, state: () => MethodState): Promise<BestRecord | undefined> {
    if (node !== this.spec.metric) return undefined;
    const key = this.valueKey(values);
    const score = values[key]!;
    if (!Number.isFinite(score) || (this.best && !(this.spec.mode === "min" ? score < this.best.score : score > this.best.score))) return undefined;
    const exported = state();
    try {
      if (await paramsDivergence(step, exported.tensors)) return undefined;
      const path = await writeCheckpoint(bestDir(this.runPath), exported, { step, specHash });
      const record: BestRecord = { step, metric: node, value: key, score, mode: this.spec.mode, path };
      const tmp = join(bestDir(this.runPath), `.tmp-best-${process.pid}.json`);
      writeFileSync(tmp, JSON.stringify(record, null, 1));
      renameSync(tmp, join(bestDir(this.runPath), "best.json"));
      for (const old of listCheckpoints(bestDir(this.runPath))) if (old.path !== path) removeCheckpoint(bestDir(this.runPath), old);
      this.best = record;
      return record;
    } finally {
      disposeParams(exported.tensors);
    }
  }

  private valueKey(values: Readonly<Record<string, number>>): string {
    const keys = Object.keys(values);
    const key = this.spec.value ?? (keys.length === 1 ? keys[0] : undefined);
    if (key !== undefined && key in values) return key;
    throw new GantryError("SPEC_KEEP_BEST_VALUE", this.spec.value === undefined
      ? `sinks.checkpoint.keepBest: metric "${this.spec.metric}" reports ${keys.length} values (${keys.join(", ")}); say which`
      : `sinks.checkpoint.keepBest: metric "${this.spec.metric}" reports no value "${this.spec.value}" (it reports ${keys.join(", ")})`, {
      where: { ...this.where, field: "sinks.checkpoint.keepBest.value" }, hint: `set keepBest.value to one of: ${keys.join(", ")}`,
    });
  }
}
