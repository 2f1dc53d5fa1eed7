// Pictures of samples: a grid of generated images (values in [−1, 1] → 0…255), or for 2-D data a
// scatter plot of samples (orange) over real data (grey). Encoded with fast-png; pure pixel code.
import { encode } from "fast-png";

type Rgb = readonly [number, number, number];

export interface ScatterOptions {
  readonly size?: number;
  /** Half-width of the square view around the origin; default from the data. */
  readonly extent?: number;
  readonly centres?: readonly (readonly number[])[];
}

/** A PNG grid of images given as NHWC float values in [−1, 1]. */
export function imageGridPng(values: Float32Array, shape: readonly number[], columns?: number): Uint8Array {
  const [n, h, w, c] = shape;
  const cols = columns ?? Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const pad = 2;
  const width = cols * (w + pad) + pad;
  const height = rows * (h + pad) + pad;
  const rgb = new Uint8Array(width * height * 3).fill(32);
  for (let i = 0; i < n; i++) {
    const ox = pad + (i % cols) * (w + pad);
    const oy = pad + Math.floor(i / cols) * (h + pad);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const src = ((i * h + y) * w + x) * c;
        const dst = ((oy + y) * width + ox + x) * 3;
        for (let k = 0; k < 3; k++) rgb[dst + k] = toByte(values[src + (c === 1 ? 0 : Math.min(k, c - 1))]);
      }
    }
  }
  return encode({ width, height, data: rgb, channels: 3, depth: 8 });
}

const toByte = (v: number): number => Math.max(0, Math.min(255, Math.round((v + 1) * 127.5)));

/** One HWC image (values in [−1, 1], mapped as the grids map them) as a PNG: gray for 1 channel, else RGB of the first three. */
export function imagePng(values: Float32Array, h: number, w: number, c: number): Uint8Array {
  const channels = c >= 3 ? 3 : 1;
  const data = new Uint8Array(h * w * channels);
  for (let p = 0; p < h * w; p++) for (let k = 0; k < channels; k++) data[p * channels + k] = toByte(values[p * c + k]);
  return encode({ width: w, height: h, data, channels, depth: 8 });
}

/** A PNG scatter plot of 2-D samples over real points (and mode centres as rings). */
export function scatterPng(samples: Float32Array, real: Float32Array | undefined, options: ScatterOptions = {}): Uint8Array {
  const size = options.size ?? 480;
  const extent = options.extent ?? Math.max(1, 1.15 * maxAbs(real ?? samples));
  const rgb = new Uint8Array(size * size * 3).fill(255);
  const toPx = (v: number, flip: boolean): number => {
    const t = (v + extent) / (2 * extent);
    return Math.round((flip ? 1 - t : t) * (size - 1));
  };
  drawAxes(rgb, size, toPx(0, false), toPx(0, true));
  const plot = (pts: Float32Array, color: Rgb, radius: number): void => {
    for (let i = 0; i + 1 < pts.length; i += 2) dot(rgb, size, toPx(pts[i], false), toPx(pts[i + 1], true), radius, color);
  };
  if (real) plot(real, [170, 170, 170], 1);
  plot(samples, [230, 110, 20], 1);
  for (const c of options.centres ?? []) ring(rgb, size, toPx(c[0], false), toPx(c[1], true), 6, [40, 90, 200]);
  return encode({ width: size, height: size, data: rgb, channels: 3, depth: 8 });
}

function maxAbs(a: Float32Array): number {
  let m = 0;
  for (const v of a) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  return m;
}

function put(rgb: Uint8Array, size: number, x: number, y: number, c: Rgb): void {
  if (x < 0 || y < 0 || x >= size || y >= size) return;
  const i = (y * size + x) * 3;
  rgb[i] = c[0];
  rgb[i + 1] = c[1];
  rgb[i + 2] = c[2];
}

function dot(rgb: Uint8Array, size: number, cx: number, cy: number, r: number, c: Rgb): void {
  for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) if (dx * dx + dy * dy <= r * r + 1) put(rgb, size, cx + dx, cy + dy, c);
}

function ring(rgb: Uint8Array, size: number, cx: number, cy: number, r: number, c: Rgb): void {
  for (let a = 0; a < 64; a++) put(rgb, size, Math.round(cx + r * Math.cos((a / 32) * Math.PI)), Math.round(cy + r * Math.sin((a / 32) * Math.PI)), c);
}

function drawAxes(rgb: Uint8Array, size: number, x0: number, y0: number): void {
  const grey: Rgb = [225, 225, 225];
  for (let i = 0; i < size; i++) {
    put(rgb, size, x0, i, grey);
    put(rgb, size, i, y0, grey);
  }
}
