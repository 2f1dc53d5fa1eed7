// Kind `metric`: an evaluation that reads samples and/or features through the ports it was created
// with, and reports named numbers (plus optional images, e.g. nearest-neighbour grids).
import type { LinearAlgebra } from "../linear-algebra.js";
import type { Rng } from "../rng.js";
import type { JsonValue } from "./method.js";

export interface MetricContext {
  readonly step: number;
  readonly rng: Rng;
  /** Dense linear algebra to use instead of the metric's pure-JS default (e.g. LAPACK where installed). */
  readonly linearAlgebra?: LinearAlgebra;
}

export interface MetricImage {
  readonly name: string;
  readonly png: Uint8Array;
}

export interface MetricResult {
  /** Named values: { fid: 12.3 } or { modes: 8, highQuality: 0.93 }. */
  readonly values: Readonly<Record<string, number>>;
  /** Provenance and extras: N, extractor name, std over splits. */
  readonly details?: JsonValue;
  readonly images?: readonly MetricImage[];
}

export interface Metric {
  readonly name: string;
  evaluate(ctx: MetricContext): Promise<MetricResult>;
}
