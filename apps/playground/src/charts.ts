// Small line charts on a canvas: several series against the step, each scaled to the chart's shared
// y-range (or to [0, 1] when given), with a legend. Hand-written because the page needs only this.

export interface Series {
  readonly label: string;
  readonly colour: string;
  /** [step, value] pairs in step order; non-finite values are skipped. */
  readonly points: readonly (readonly [number, number])[];
}

export interface ChartOptions {
  readonly title: string;
  /** Fixed y-range; default: the data's. */
  readonly yRange?: readonly [number, number];
}

function range(series: readonly Series[], options: ChartOptions): [number, number, number, number] {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const s of series) {
    for (const [x, y] of s.points) {
      if (!Number.isFinite(y)) continue;
      [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
    }
  }
  if (options.yRange) [y0, y1] = options.yRange;
  if (!Number.isFinite(x0)) return [0, 1, 0, 1];
  return [x0, x1 > x0 ? x1 : x0 + 1, y0, y1 > y0 ? y1 : y0 + 1];
}

function label(v: number): string {
  return Math.abs(v) >= 100 || v === 0 ? v.toFixed(0) : v.toPrecision(3);
}

export function drawChart(canvas: HTMLCanvasElement, series: readonly Series[], options: ChartOptions): void {
  const ctx = canvas.getContext("2d")!;
  const { width, height } = canvas;
  const pad = { l: 44, r: 8, t: 18, b: 16 };
  const [x0, x1, y0, y1] = range(series, options);
  const px = (x: number) => pad.l + ((x - x0) / (x1 - x0)) * (width - pad.l - pad.r);
  const py = (y: number) => height - pad.b - ((y - y0) / (y1 - y0)) * (height - pad.t - pad.b);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, width, height);
  ctx.font = "11px system-ui, sans-serif";
  ctx.fillStyle = "#333";
  ctx.fillText(options.title, pad.l, 12);
  ctx.fillText(label(y1), 2, pad.t + 8);
  ctx.fillText(label(y0), 2, height - pad.b);
  ctx.fillText(`step ${Math.round(x1)}`, width - pad.r - 60, height - 3);
  ctx.strokeStyle = "#ccc";
  ctx.strokeRect(pad.l, pad.t, width - pad.l - pad.r, height - pad.t - pad.b);
  let legendX = pad.l + ctx.measureText(options.title).width + 12;
  for (const s of series) {
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let pen = false;
    for (const [x, y] of s.points) {
      if (!Number.isFinite(y)) { pen = false; continue; }
      const yc = Math.min(y1, Math.max(y0, y));
      if (pen) ctx.lineTo(px(x), py(yc)); else ctx.moveTo(px(x), py(yc));
      pen = true;
    }
    ctx.stroke();
    ctx.fillStyle = s.colour;
    ctx.fillText(s.label, legendX, 12);
    legendX += ctx.measureText(s.label).width + 10;
  }
}
