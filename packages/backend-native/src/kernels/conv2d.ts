// Conv2D, Conv2DBackpropInput and Conv2DBackpropFilter on the addon's im2col + OpenBLAS GEMM
// (native/conv.c). NHWC and dilation 1; other layouts go to the wasm kernels they replace.
import { GantryError, tf, assertSupportedConv, convGeometry, convInfo, isSupportedConv, type ConvAttrs } from "@gantry/core";
import type { NativeAddon } from "../addon.js";
import { geometryArray } from "../geometry.js";
import { heapView, type NativeKernelBackend } from "./kernel-backend.js";

type Make = (stock: tf.KernelFunc | undefined) => tf.KernelFunc;

/** The wasm kernel for what the addon does not handle; where wasm has none, a GantryError that says why. */
function fallback(stock: tf.KernelFunc | undefined, name: string, args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo | tf.TensorInfo[] {
  if (stock) return stock(args);
  assertSupportedConv(args.attrs as unknown as ConvAttrs, `${name} (native)`);
  throw new GantryError("KERNEL_UNSUPPORTED", `${name} (native): float32 inputs only`, { hint: "cast the inputs to float32" });
}

const float32 = (...ts: tf.TensorInfo[]): boolean => ts.every((t) => t.dtype === "float32");

export function conv2dKernel(addon: NativeAddon): Make {
  return (stock) => (args) => {
    const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
    const attrs = args.attrs as unknown as ConvAttrs;
    if (!isSupportedConv(attrs) || !float32(x, filter)) return fallback(stock, "Conv2D", args);
    const backend = args.backend as NativeKernelBackend;
    const info = convInfo(x.shape, filter.shape, attrs);
    const y = backend.makeOutput(info.outShape, "float32");
    addon.conv2d(heapView(backend, x), heapView(backend, filter), heapView(backend, y), geometryArray(convGeometry(info)));
    return y;
  };
}

export function conv2dBackpropInputKernel(addon: NativeAddon): Make {
  return (stock) => (args) => {
    const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const attrs = args.attrs as unknown as ConvAttrs & { inputShape: [number, number, number, number] };
    if (!isSupportedConv(attrs) || !float32(dy, filter)) return fallback(stock, "Conv2DBackpropInput", args);
    const backend = args.backend as NativeKernelBackend;
    const info = convInfo(attrs.inputShape, filter.shape, attrs);
    const dx = backend.makeOutput([...attrs.inputShape], "float32");
    addon.conv2dBackpropInput(heapView(backend, dy), heapView(backend, filter), heapView(backend, dx), geometryArray(convGeometry(info)));
    return dx;
  };
}

export function conv2dBackpropFilterKernel(addon: NativeAddon): Make {
  return (stock) => (args) => {
    const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const attrs = args.attrs as unknown as ConvAttrs & { filterShape: [number, number, number, number] };
    if (!isSupportedConv(attrs) || !float32(x, dy)) return fallback(stock, "Conv2DBackpropFilter", args);
    const backend = args.backend as NativeKernelBackend;
    const info = convInfo(x.shape, attrs.filterShape, attrs);
    const dw = backend.makeOutput([...attrs.filterShape], "float32");
    addon.conv2dBackpropFilter(heapView(backend, x), heapView(backend, dy), heapView(backend, dw), geometryArray(convGeometry(info)));
    return dw;
  };
}
