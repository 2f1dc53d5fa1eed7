// im2col for NHWC convolutions: the input patches of samples [b0, b1) laid out as the columns of a
// (filterHeight·filterWidth·inChannels) × (samples·outHeight·outWidth) matrix (Chellapilla et al.
// 2006), so a convolution gradient becomes one GEMM. Padding positions stay zero.
import type { ConvGeometry } from "@gantry/core";

/** Patch matrix, transposed: row k = (kh, kw, ci), column m = (b, oh, ow). */
export function im2colTransposed(x: Float32Array, g: ConvGeometry, b0: number, b1: number): Float32Array {
  const cols = (b1 - b0) * g.outHeight * g.outWidth;
  const out = new Float32Array(g.filterHeight * g.filterWidth * g.inChannels * cols);
  for (let b = b0; b < b1; b++) {
    for (let oh = 0; oh < g.outHeight; oh++) {
      for (let ow = 0; ow < g.outWidth; ow++) {
        const m = ((b - b0) * g.outHeight + oh) * g.outWidth + ow;
        copyPatchColumn(x, g, out, cols, b, oh, ow, m);
      }
    }
  }
  return out;
}

function copyPatchColumn(x: Float32Array, g: ConvGeometry, out: Float32Array, cols: number, b: number, oh: number, ow: number, m: number): void {
  const C = g.inChannels;
  for (let kh = 0; kh < g.filterHeight; kh++) {
    const ih = oh * g.strideHeight + kh - g.padTop;
    if (ih < 0 || ih >= g.inHeight) continue;
    for (let kw = 0; kw < g.filterWidth; kw++) {
      const iw = ow * g.strideWidth + kw - g.padLeft;
      if (iw < 0 || iw >= g.inWidth) continue;
      const xo = ((b * g.inHeight + ih) * g.inWidth + iw) * C;
      const k0 = (kh * g.filterWidth + kw) * C;
      for (let ci = 0; ci < C; ci++) out[(k0 + ci) * cols + m] = x[xo + ci];
    }
  }
}
