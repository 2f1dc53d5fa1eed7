// Conv2D for the wasm backend, fixing one TF.js 4.22 defect: with pad 'same' and a filter larger than
// 1×1, the stock (XNNPACK) kernel returns garbage wherever TF's total padding (out−1)·stride + filter − in
// is negative and clamped to 0, i.e. stride > filter and the last window ends before the input does
// (exact over 133 722 measured convolutions; likely XNNPACK's own TF-SAME padding, unclamped). Example:
// x [1, 1, 3, 1], W [1, 2, 1, 1], strides [1, 3], 'same' returns 0 for x₀w₀ + x₁w₁: relative error 1.0
// against the float64 definition (≈1e29 when the output buffer held old data). Those geometries run as
// y = im2col(x)·W (im2col on the wasm heap, GEMM in XNNPACK's BatchMatMul); all others go to stock.
import { tf, assertSupportedConv, convInfo, convGeometry, isSupportedConv, type ConvAttrs, type ConvGeometry } from "@gantry/core";
import { im2colInto } from "./im2col.js";
import { batchMatMul, heapView, zeros, type WasmKernelBackend } from "./wasm-kernel-backend.js";

/** Bounds the im2col buffer (in floats, 64 MiB): larger batches are processed in chunks of samples. */
const MAX_PATCH_FLOATS = 1 << 24;

/** Whether TF's 'same' padding in one dimension was clamped from a negative total to 0. */
function clampedSamePad(inSize: number, outSize: number, stride: number, filter: number): boolean {
  return (outSize - 1) * stride + filter < inSize;
}

/**
 * Whether the stock wasm Conv2D gets this geometry wrong: 'same' padding, a filter larger than 1×1
 * (1×1 filters were right in all 990 measured convolutions with a clamped padding), a clamped padding.
 */
export function stockConv2dIsWrong(info: tf.backend_util.Conv2DInfo): boolean {
  if (info.padInfo.type !== "SAME" || (info.filterHeight === 1 && info.filterWidth === 1)) return false;
  return clampedSamePad(info.inHeight, info.outHeight, info.strideHeight, info.filterHeight)
    || clampedSamePad(info.inWidth, info.outWidth, info.strideWidth, info.filterWidth);
}

/** im2col(x[b0, b1))·W as a new [1, rows, outChannels] tensor. */
function chunkProduct(backend: WasmKernelBackend, x: tf.TensorInfo, filter: tf.TensorInfo, g: ConvGeometry, b0: number, b1: number): tf.TensorInfo {
  const k = g.filterHeight * g.filterWidth * g.inChannels;
  const rows = (b1 - b0) * g.outHeight * g.outWidth;
  const patches = zeros(backend, [1, rows, k]);
  im2colInto(heapView(backend, x), g, b0, b1, heapView(backend, patches));
  const out = batchMatMul(backend, patches, { ...filter, shape: [1, k, g.outChannels] });
  backend.disposeData(patches.dataId);
  return out;
}

/** y = im2col(x)·W for NHWC, dilation 1, chunked over samples so the patch matrix stays ≤ 64 MiB. */
export function conv2dIm2colWasm(backend: WasmKernelBackend, x: tf.TensorInfo, filter: tf.TensorInfo, info: tf.backend_util.Conv2DInfo): tf.TensorInfo {
  const g = convGeometry(info);
  const perSample = g.outHeight * g.outWidth * g.outChannels;
  const k = g.filterHeight * g.filterWidth * g.inChannels;
  const chunk = Math.max(1, Math.floor(MAX_PATCH_FLOATS / Math.max(1, k * g.outHeight * g.outWidth)));
  if (chunk >= g.batch) {
    const out = chunkProduct(backend, x, filter, g, 0, g.batch);
    return { dataId: out.dataId, shape: info.outShape, dtype: "float32" };
  }
  const y = backend.makeOutput(info.outShape, "float32");
  for (let b0 = 0; b0 < g.batch; b0 += chunk) {
    const part = chunkProduct(backend, x, filter, g, b0, Math.min(g.batch, b0 + chunk));
    heapView(backend, y).set(heapView(backend, part), b0 * perSample);
    backend.disposeData(part.dataId);
  }
  return y;
}

/** The kernel function: `stock` for every geometry it computes correctly, im2col·W for the rest. */
export function conv2dKernel(stock: tf.KernelFunc | undefined): tf.KernelFunc {
  return (args) => {
    const attrs = args.attrs as unknown as ConvAttrs;
    const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
    const supported = isSupportedConv(attrs);
    const info = convInfo(x.shape, filter.shape, attrs);
    if (!(supported && stockConv2dIsWrong(info))) {
      if (stock) return stock(args);
      assertSupportedConv(attrs, "Conv2D (wasm)");
    }
    return conv2dIm2colWasm(args.backend as WasmKernelBackend, x, filter, info);
  };
}
