// im2col / col2im for NHWC convolutions (Chellapilla et al. 2006), written into wasm-heap views so
// a convolution or its gradients become one XNNPACK GEMM each. im2col writes the patches as rows
// (row m = (b, oh, ow), column k = (kh, kw, ci)) or transposed; col2im scatter-adds rows into dx.
import type { ConvGeometry } from "@gantry/core";

type PatchVisit = (xOffset: number, k0: number) => void;

/** Calls visit(x offset of the patch pixel, k index of its first channel) for each in-bounds tap. */
function forEachTap(g: ConvGeometry, b: number, oh: number, ow: number, visit: PatchVisit): void {
  for (let kh = 0; kh < g.filterHeight; kh++) {
    const ih = oh * g.strideHeight + kh - g.padTop;
    if (ih < 0 || ih >= g.inHeight) continue;
    for (let kw = 0; kw < g.filterWidth; kw++) {
      const iw = ow * g.strideWidth + kw - g.padLeft;
      if (iw < 0 || iw >= g.inWidth) continue;
      visit(((b * g.inHeight + ih) * g.inWidth + iw) * g.inChannels, (kh * g.filterWidth + kw) * g.inChannels);
    }
  }
}

/** Writes the patch matrix of samples [b0, b1) into `out` (zero-filled, M × K): y = patches·W. */
export function im2colInto(x: Float32Array, g: ConvGeometry, b0: number, b1: number, out: Float32Array): void {
  const K = g.filterHeight * g.filterWidth * g.inChannels;
  const C = g.inChannels;
  for (let b = b0; b < b1; b++) for (let oh = 0; oh < g.outHeight; oh++) for (let ow = 0; ow < g.outWidth; ow++) {
    const row = (((b - b0) * g.outHeight + oh) * g.outWidth + ow) * K;
    forEachTap(g, b, oh, ow, (xo, k0) => {
      for (let ci = 0; ci < C; ci++) out[row + k0 + ci] = x[xo + ci];
    });
  }
}

/** Writes the transposed patch matrix of samples [b0, b1) into `out` (zero-filled, K × M). */
export function im2colTransposedInto(x: Float32Array, g: ConvGeometry, b0: number, b1: number, out: Float32Array): void {
  const cols = (b1 - b0) * g.outHeight * g.outWidth;
  const C = g.inChannels;
  for (let b = b0; b < b1; b++) for (let oh = 0; oh < g.outHeight; oh++) for (let ow = 0; ow < g.outWidth; ow++) {
    const m = ((b - b0) * g.outHeight + oh) * g.outWidth + ow;
    forEachTap(g, b, oh, ow, (xo, k0) => {
      for (let ci = 0; ci < C; ci++) out[(k0 + ci) * cols + m] = x[xo + ci];
    });
  }
}

/** Adds patch rows (M × K, samples [b0, b1)) into dx at their input positions. */
export function col2imAddInto(patches: Float32Array, g: ConvGeometry, b0: number, b1: number, dx: Float32Array): void {
  const K = g.filterHeight * g.filterWidth * g.inChannels;
  const C = g.inChannels;
  for (let b = b0; b < b1; b++) for (let oh = 0; oh < g.outHeight; oh++) for (let ow = 0; ow < g.outWidth; ow++) {
    const row = (((b - b0) * g.outHeight + oh) * g.outWidth + ow) * K;
    forEachTap(g, b, oh, ow, (xo, k0) => {
      for (let ci = 0; ci < C; ci++) dx[xo + ci] += patches[row + k0 + ci];
    });
  }
}
