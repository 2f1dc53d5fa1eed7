// Conv2DBackpropFilter for the wasm backend, which TF.js 4.22 lacks (so conv GANs cannot train on
// wasm): dW = im2col(x)ᵀ·dy, with im2col in JS on the wasm heap and the GEMM in XNNPACK's BatchMatMul.
// NHWC and dilation 1 only (a GantryError otherwise), like the wasm backend's own Conv2D.
import { tf, assertSupportedConv, convInfo, convGeometry, type ConvAttrs, type ConvGeometry } from "@gantry/core";
import { im2colTransposedInto } from "./im2col.js";
import { batchMatMul, heapView, sliceCopy, zeros, type WasmKernelBackend } from "./wasm-kernel-backend.js";

/** Bounds the im2col buffer (in floats, 64 MiB): larger batches are processed in chunks of samples. */
const MAX_PATCH_FLOATS = 1 << 24;

interface FilterAttrs extends ConvAttrs {
  readonly filterShape: [number, number, number, number];
}

/** (im2col of samples [b0, b1))ᵀ · dy[b0, b1) as a new [1, K, outChannels] tensor. */
function chunkProduct(backend: WasmKernelBackend, x: tf.TensorInfo, dy: tf.TensorInfo, g: ConvGeometry, b0: number, b1: number): tf.TensorInfo {
  const k = g.filterHeight * g.filterWidth * g.inChannels;
  const perSample = g.outHeight * g.outWidth;
  const cols = (b1 - b0) * perSample;
  const whole = b0 === 0 && b1 === g.batch;
  const dyChunk = whole ? { ...dy, shape: [1, cols, g.outChannels] } : sliceCopy(backend, dy, b0 * perSample * g.outChannels, [1, cols, g.outChannels]);
  const patchesT = zeros(backend, [1, k, cols]);
  im2colTransposedInto(heapView(backend, x), g, b0, b1, heapView(backend, patchesT));
  const out = batchMatMul(backend, patchesT, dyChunk);
  backend.disposeData(patchesT.dataId);
  if (!whole) backend.disposeData(dyChunk.dataId);
  return out;
}

export function conv2dBackpropFilterWasm(backend: WasmKernelBackend, x: tf.TensorInfo, dy: tf.TensorInfo, attrs: FilterAttrs): tf.TensorInfo {
  assertSupportedConv(attrs, "Conv2DBackpropFilter (wasm)");
  const info = convInfo(x.shape, attrs.filterShape, attrs);
  const g = convGeometry(info);
  const k = g.filterHeight * g.filterWidth * g.inChannels;
  const chunk = Math.max(1, Math.floor(MAX_PATCH_FLOATS / Math.max(1, k * g.outHeight * g.outWidth)));
  if (chunk >= g.batch) {
    const out = chunkProduct(backend, x, dy, g, 0, g.batch);
    return { dataId: out.dataId, shape: info.filterShape, dtype: "float32" };
  }
  const dw = zeros(backend, info.filterShape);
  for (let b0 = 0; b0 < g.batch; b0 += chunk) {
    const part = chunkProduct(backend, x, dy, g, b0, Math.min(g.batch, b0 + chunk));
    const acc = heapView(backend, dw);
    heapView(backend, part).forEach((v, i) => { acc[i] += v; });
    backend.disposeData(part.dataId);
  }
  return dw;
}

export const conv2dBackpropFilterKernel: tf.KernelFunc = (args) => {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  return conv2dBackpropFilterWasm(args.backend as WasmKernelBackend, x, dy, args.attrs as unknown as FilterAttrs);
};
