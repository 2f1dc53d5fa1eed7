// Renders nearest-neighbour tables as a PNG grid (fast-png): one row per query, the query image first,
// a gap, then its neighbours left to right, nearest first. Images are [H, W, C] rows scaled from a
// value range (default [−1, 1]) to 0–255; C = 1 renders grey, C = 3 RGB.
import { GantryError } from "@gantry/core";
import { encode } from "fast-png";
import type { FeatureMatrix } from "./feature-matrix.js";
import type { NeighbourTable } from "./neighbour-distances.js";

export interface GridOptions {
  readonly imageShape: readonly number[];
  readonly range?: readonly [number, number];
  /** Pixels between images (2) and between the query column and its neighbours (8). */
  readonly pad?: number;
  readonly gap?: number;
}

export function renderNeighbourGrid(queries: FeatureMatrix, pool: FeatureMatrix, table: NeighbourTable, options: GridOptions): Uint8Array {
  const [h, w, c] = options.imageShape.length === 2 ? [...options.imageShape, 1] : options.imageShape;
  if (!(c === 1 || c === 3) || h * w * c !== queries.dim || queries.dim !== pool.dim) {
    throw new GantryError("METRIC_BAD_IMAGES", `cannot render samples of dim ${queries.dim} as [${options.imageShape.join(", ")}] images`, {
      hint: "the grid needs image samples [H, W, 1] or [H, W, 3]",
    });
  }
  const pad = options.pad ?? 2;
  const gap = options.gap ?? 8;
  const cols = Math.max(1, ...table.indices.map((r) => r.length));
  const width = pad + (w + pad) * (cols + 1) + gap;
  const height = pad + (h + pad) * queries.rows;
  const rgb = new Uint8Array(width * height * 3).fill(255);
  const [lo, hi] = options.range ?? [-1, 1];
  const paint = (m: FeatureMatrix, index: number, x0: number, y0: number): void => {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let ch = 0; ch < 3; ch++) {
          const v = m.data[index * m.dim + (y * w + x) * c + (c === 1 ? 0 : ch)];
          rgb[((y0 + y) * width + x0 + x) * 3 + ch] = Math.round(255 * Math.min(1, Math.max(0, (v - lo) / (hi - lo))));
        }
      }
    }
  };
  for (let q = 0; q < queries.rows; q++) {
    const y0 = pad + q * (h + pad);
    paint(queries, q, pad, y0);
    table.indices[q].forEach((p, k) => paint(pool, p, pad + (k + 1) * (w + pad) + gap, y0));
  }
  return encode({ width, height, data: rgb, channels: 3, depth: 8 });
}
