// Kind `sink`: receives the typed events of a run (docs/architecture.md) and persists or renders them.
import type { StepStats, JsonValue } from "./method.js";
import type { MetricResult } from "./metric.js";

export type GantryEvent =
  | { readonly type: "start"; readonly time: string; readonly name: string; readonly step: number; readonly backend: string; readonly totalSteps?: number }
  | { readonly type: "step"; readonly time: string; readonly step: number; readonly stats: StepStats }
  | { readonly type: "metric"; readonly time: string; readonly step: number; readonly node: string; readonly result: MetricResult }
  | { readonly type: "sample"; readonly time: string; readonly step: number; readonly path: string }
  | { readonly type: "checkpoint"; readonly time: string; readonly step: number; readonly path: string }
  | { readonly type: "end"; readonly time: string; readonly step: number; readonly reason: "completed" | "interrupted" | "failed"; readonly details?: JsonValue };

export interface Sink {
  readonly name: string;
  handle(event: GantryEvent): void | Promise<void>;
  close?(): void | Promise<void>;
}
