// Conv2DBackpropFilter for the cpu backend: dW = im2col(x)ᵀ·dy as one GEMM (a few hundred ms for a
// DCGAN layer, against about a minute for tfjs-backend-cpu's 7-deep loop through TensorBuffer.get).
// NHWC and dilation 1 only; other layouts go to the stock kernel it replaces.
import { tf, assertSupportedConv, convInfo, convGeometry, isSupportedConv, type ConvAttrs, type ConvGeometry } from "@gantry/core";
import { gemmNTAccumulate, transposeMatrix } from "./gemm.js";
import { im2colTransposed } from "./im2col.js";
import { readFloat32, type CpuKernelBackend } from "./cpu-kernel-backend.js";

/** Bounds the im2col buffer (in floats, 64 MiB): larger batches are processed in chunks of samples. */
const MAX_PATCH_FLOATS = 1 << 24;

interface FilterAttrs extends ConvAttrs {
  readonly filterShape: [number, number, number, number];
}

/** dW (filterHeight×filterWidth×inChannels×outChannels, row-major) from NHWC x and dy. */
export function conv2dBackpropFilterNHWC(x: Float32Array, dy: Float32Array, g: ConvGeometry): Float32Array {
  const k = g.filterHeight * g.filterWidth * g.inChannels;
  const perSample = g.outHeight * g.outWidth;
  const chunk = Math.max(1, Math.floor(MAX_PATCH_FLOATS / Math.max(1, k * perSample)));
  const dw = new Float32Array(k * g.outChannels);
  for (let b0 = 0; b0 < g.batch; b0 += chunk) {
    const b1 = Math.min(g.batch, b0 + chunk);
    const cols = (b1 - b0) * perSample;
    const patchesT = im2colTransposed(x, g, b0, b1);
    const dyT = transposeMatrix(dy, cols, g.outChannels, b0 * perSample * g.outChannels);
    gemmNTAccumulate(patchesT, dyT, dw, k, g.outChannels, cols);
  }
  return dw;
}

/** The kernel function; `stock` handles what this one does not (NCHW). */
export function conv2dBackpropFilterKernel(stock: tf.KernelFunc | undefined): tf.KernelFunc {
  return (args) => {
    const attrs = args.attrs as unknown as FilterAttrs;
    if (!isSupportedConv(attrs)) {
      if (stock) return stock(args);
      assertSupportedConv(attrs, "Conv2DBackpropFilter (cpu)");
    }
    const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const backend = args.backend as CpuKernelBackend;
    const info = convInfo(x.shape, attrs.filterShape, attrs);
    const dw = conv2dBackpropFilterNHWC(readFloat32(backend, x), readFloat32(backend, dy), convGeometry(info));
    return backend.makeTensorInfo(info.filterShape, "float32", dw);
  };
}
