// A convolution's geometry as the Int32Array the addon reads (native/conv.c, enum GEOMETRY: the same
// 13 numbers in the same order as @gantry/core's ConvGeometry).
import type { ConvGeometry } from "@gantry/core";

export function geometryArray(g: ConvGeometry): Int32Array {
  return Int32Array.of(
    g.batch, g.inHeight, g.inWidth, g.inChannels, g.outHeight, g.outWidth, g.outChannels,
    g.filterHeight, g.filterWidth, g.strideHeight, g.strideWidth, g.padTop, g.padLeft,
  );
}
