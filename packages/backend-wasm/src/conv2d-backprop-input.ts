// Conv2DBackpropInput for the wasm backend (≈10× faster than the stock one on DCGAN layers, where it
// was most of a training step): patches = dy·Wᵀ in XNNPACK's BatchMatMul, then col2im in JS.
// Also the forward pass of conv2dTranspose. NHWC and dilation 1; NCHW goes to the stock kernel.
import { tf, assertSupportedConv, convInfo, convGeometry, isSupportedConv, type ConvAttrs, type ConvGeometry } from "@gantry/core";
import { col2imAddInto } from "./im2col.js";
import { batchMatMul, heapView, sliceCopy, zeros, type WasmKernelBackend } from "./wasm-kernel-backend.js";

/** Bounds the patch buffer (in floats, 64 MiB): larger batches are processed in chunks of samples. */
const MAX_PATCH_FLOATS = 1 << 24;

interface InputAttrs extends ConvAttrs {
  readonly inputShape: [number, number, number, number];
}

/** The filter as an outChannels × K matrix (transposed in JS: BatchMatMul's transposed path is slow). */
function filterTransposed(backend: WasmKernelBackend, filter: tf.TensorInfo, k: number, outC: number): tf.TensorInfo {
  const out = backend.makeOutput([1, outC, k], "float32");
  const w = heapView(backend, filter);
  const t = heapView(backend, out);
  for (let r = 0; r < k; r++) for (let c = 0; c < outC; c++) t[c * k + r] = w[r * outC + c];
  return out;
}

function addChunk(backend: WasmKernelBackend, dy: tf.TensorInfo, wT: tf.TensorInfo, dx: tf.TensorInfo, g: ConvGeometry, b0: number, b1: number): void {
  const perSample = g.outHeight * g.outWidth;
  const rows = (b1 - b0) * perSample;
  const whole = b0 === 0 && b1 === g.batch;
  const dyChunk = whole ? { ...dy, shape: [1, rows, g.outChannels] } : sliceCopy(backend, dy, b0 * perSample * g.outChannels, [1, rows, g.outChannels]);
  const patches = batchMatMul(backend, dyChunk, wT);
  col2imAddInto(heapView(backend, patches), g, b0, b1, heapView(backend, dx));
  backend.disposeData(patches.dataId);
  if (!whole) backend.disposeData(dyChunk.dataId);
}

export function conv2dBackpropInputWasm(backend: WasmKernelBackend, dy: tf.TensorInfo, filter: tf.TensorInfo, attrs: InputAttrs): tf.TensorInfo {
  const info = convInfo(attrs.inputShape, filter.shape, attrs);
  const g = convGeometry(info);
  const k = g.filterHeight * g.filterWidth * g.inChannels;
  const chunk = Math.max(1, Math.floor(MAX_PATCH_FLOATS / Math.max(1, k * g.outHeight * g.outWidth)));
  const dx = zeros(backend, info.inShape);
  const wT = filterTransposed(backend, filter, k, g.outChannels);
  for (let b0 = 0; b0 < g.batch; b0 += chunk) addChunk(backend, dy, wT, dx, g, b0, Math.min(g.batch, b0 + chunk));
  backend.disposeData(wT.dataId);
  return dx;
}

/** The kernel function; `stock` handles what this one does not (NCHW). */
export function conv2dBackpropInputKernel(stock: tf.KernelFunc | undefined): tf.KernelFunc {
  return (args) => {
    const attrs = args.attrs as unknown as InputAttrs;
    if (!isSupportedConv(attrs)) {
      if (stock) return stock(args);
      assertSupportedConv(attrs, "Conv2DBackpropInput (wasm)");
    }
    const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    return conv2dBackpropInputWasm(args.backend as WasmKernelBackend, dy, filter, attrs);
  };
}
