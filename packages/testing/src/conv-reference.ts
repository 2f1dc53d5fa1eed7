// Test reference: the convolution gradients straight from their definition, in float64, with
// TF.js's padding (from ConvGeometry). y[b,oh,ow,co] = Σ x[b, oh·sh+kh−pt, ow·sw+kw−pl, ci]·W[kh,kw,ci,co].
import type { ConvGeometry } from "@gantry/core";

type Visit = (xi: number, wi: number, yi: number) => void;

/** Calls visit(x index, filter index, y index) for every term of the convolution sum. */
function forEachTerm(g: ConvGeometry, visit: Visit): void {
  for (let b = 0; b < g.batch; b++) for (let oh = 0; oh < g.outHeight; oh++) for (let ow = 0; ow < g.outWidth; ow++) {
    for (let kh = 0; kh < g.filterHeight; kh++) {
      const ih = oh * g.strideHeight + kh - g.padTop;
      if (ih < 0 || ih >= g.inHeight) continue;
      for (let kw = 0; kw < g.filterWidth; kw++) {
        const iw = ow * g.strideWidth + kw - g.padLeft;
        if (iw < 0 || iw >= g.inWidth) continue;
        for (let ci = 0; ci < g.inChannels; ci++) for (let co = 0; co < g.outChannels; co++) {
          const xi = ((b * g.inHeight + ih) * g.inWidth + iw) * g.inChannels + ci;
          const wi = ((kh * g.filterWidth + kw) * g.inChannels + ci) * g.outChannels + co;
          const yi = ((b * g.outHeight + oh) * g.outWidth + ow) * g.outChannels + co;
          visit(xi, wi, yi);
        }
      }
    }
  }
}

export function referenceBackpropFilter(x: ArrayLike<number>, dy: ArrayLike<number>, g: ConvGeometry): Float64Array {
  const dw = new Float64Array(g.filterHeight * g.filterWidth * g.inChannels * g.outChannels);
  forEachTerm(g, (xi, wi, yi) => { dw[wi] += x[xi] * dy[yi]; });
  return dw;
}

export function referenceBackpropInput(dy: ArrayLike<number>, w: ArrayLike<number>, g: ConvGeometry): Float64Array {
  const dx = new Float64Array(g.batch * g.inHeight * g.inWidth * g.inChannels);
  forEachTerm(g, (xi, wi, yi) => { dx[xi] += w[wi] * dy[yi]; });
  return dx;
}

export function referenceConv2d(x: ArrayLike<number>, w: ArrayLike<number>, g: ConvGeometry): Float64Array {
  const y = new Float64Array(g.batch * g.outHeight * g.outWidth * g.outChannels);
  forEachTerm(g, (xi, wi, yi) => { y[yi] += x[xi] * w[wi]; });
  return y;
}

/** ‖a − b‖ / max(‖b‖, tiny): the error measure for float32 results against a reference. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let num = 0, den = 0;
  for (let i = 0; i < a.length; i++) { num += (a[i] - b[i]) ** 2; den += b[i] ** 2; }
  return Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-30);
}
