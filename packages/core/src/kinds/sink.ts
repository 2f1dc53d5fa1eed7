// Kind `sink`: receives the typed events of a run (docs/architecture.md) and persists or renders them.
import type { StepStats, JsonValue } from "./method.js";
import type { MetricResult } from "./metric.js";

export type GantryEvent =
  | { readonly type: "start"; readonly time: string; readonly name: string; readonly step: number; readonly backend: string; readonly totalSteps?: number }
  | { readonly type: "step"; readonly time: string; readonly step: number; readonly stats: StepStats }
  | { readonly type: "metric"; readonly time: string; readonly step: number; readonly node: string; readonly result: MetricResult }
  | { readonly type: "sample"; readonly time: string; readonly step: number; readonly path: string }
  | { readonly type: "checkpoint"; readonly time: string; readonly step: number; readonly path: string }
  /** The training node rolled back to `step` (its last checkpoint, or 0) after a non-finite value at `from`. */
  | { readonly type: "rollback"; readonly time: string; readonly step: number; readonly from: number; readonly quantity: string; readonly lrScale: number; readonly attempt: number }
  /** "diverged": a NaN/±Inf in a step statistic or a parameter stopped the run (no checkpoint was written after it). */
  | { readonly type: "end"; readonly time: string; readonly step: number; readonly reason: "completed" | "interrupted" | "failed" | "diverged"; readonly details?: JsonValue };

export interface Sink {
  readonly name: string;
  handle(event: GantryEvent): void | Promise<void>;
  close?(): void | Promise<void>;
}
