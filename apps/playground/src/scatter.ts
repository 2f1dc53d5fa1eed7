// Draws the plot: D's decision surface as a heat map (GAN Lab's colours: green where D says real,
// purple where it says fake), the real samples (grey), the modes' high-quality circles, and the
// generated samples (orange; one colour per generator for MAD-GAN) on one canvas.
import type { Extent, Surface } from "./decision-surface.js";

export interface Scene {
  readonly extent: Extent;
  readonly surface?: Surface;
  readonly real: Float32Array;
  /** One array of [x, y, x, y, …] per generator. */
  readonly fake: readonly Float32Array[];
  readonly centres: readonly (readonly number[])[];
  /** The high-quality radius around each centre (modeCoverage's). */
  readonly radius: number;
}

const GENERATOR_COLOURS = ["#e6550d", "#3182bd", "#31a354", "#756bb1", "#d62728", "#8c564b", "#e377c2", "#17becf"];
const FAKE = [168, 0, 168];
const REAL = [0, 136, 55];

/** [0, 1] → RGBA: purple (fake) through white to green (real). */
function heat(v: number): [number, number, number] {
  const t = Math.min(1, Math.max(0, v));
  const [from, w] = t < 0.5 ? [FAKE, t * 2] : [REAL, (1 - t) * 2];
  return [0, 1, 2].map((i) => Math.round(from[i] + (255 - from[i]) * w)) as [number, number, number];
}

/** The surface scaled to [0, 1]: probabilities as they are, critic values by their range in this frame. */
function normalised(s: Surface): Float32Array {
  if (s.scale === "probability") return s.values;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of s.values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const span = hi - lo || 1;
  return s.values.map((v) => (v - lo) / span);
}

function drawSurface(ctx: CanvasRenderingContext2D, s: Surface, width: number, height: number): void {
  const image = new ImageData(s.size, s.size);
  normalised(s).forEach((v, i) => {
    const [r, g, b] = heat(v);
    image.data.set([r, g, b, 150], 4 * i);
  });
  const tile = new OffscreenCanvas(s.size, s.size);
  tile.getContext("2d")!.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(tile, 0, 0, width, height);
}

function drawPoints(ctx: CanvasRenderingContext2D, xy: Float32Array, toPx: (x: number, y: number) => [number, number], colour: string, r: number): void {
  ctx.fillStyle = colour;
  for (let i = 0; i + 1 < xy.length; i += 2) {
    const [px, py] = toPx(xy[i], xy[i + 1]);
    ctx.beginPath();
    ctx.arc(px, py, r, 0, 2 * Math.PI);
    ctx.fill();
  }
}

export function drawScene(canvas: HTMLCanvasElement, scene: Scene): void {
  const ctx = canvas.getContext("2d")!;
  const { width, height } = canvas;
  const { min, max } = scene.extent;
  const toPx = (x: number, y: number): [number, number] => [((x - min) / (max - min)) * width, ((max - y) / (max - min)) * height];
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, width, height);
  if (scene.surface) drawSurface(ctx, scene.surface, width, height);
  drawPoints(ctx, scene.real, toPx, "rgba(90, 90, 90, 0.45)", 1.6);
  ctx.strokeStyle = "rgba(0, 60, 160, 0.8)";
  ctx.lineWidth = 1;
  const rPx = (scene.radius / (max - min)) * width;
  for (const [cx, cy] of scene.centres) {
    const [px, py] = toPx(cx, cy);
    ctx.beginPath();
    ctx.arc(px, py, Math.max(rPx, 2), 0, 2 * Math.PI);
    ctx.stroke();
  }
  scene.fake.forEach((xy, i) => drawPoints(ctx, xy, toPx, GENERATOR_COLOURS[i % GENERATOR_COLOURS.length], 2));
}
