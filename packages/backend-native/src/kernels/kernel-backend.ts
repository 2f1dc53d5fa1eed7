// The part of tfjs-backend-wasm's BackendWasm the native kernels use. The native backend is the wasm
// backend's own instance (docs/adr/0012-native-backend.md): tensors live in the wasm heap, and the addon
// reads and writes them there through Float32Array views (no copies).
import { tf } from "@gantry/core";

export interface NativeKernelBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): tf.backend_util.TypedArray;
  disposeData(dataId: tf.DataId): boolean;
}

/**
 * A float32 view of a tensor in the wasm heap. Take views after the last allocation of a kernel call:
 * an allocation may grow the heap, which detaches the views taken before it.
 */
export function heapView(backend: NativeKernelBackend, t: tf.TensorInfo): Float32Array {
  const v = backend.typedArrayFromHeap(t);
  if (!(v instanceof Float32Array)) throw new Error(`expected float32 values, got ${t.dtype}`);
  return v;
}

export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** The TF.js backend name the native backend registers. */
export const NATIVE = "native";

/** The wasm kernel a native one replaces, for the inputs the addon does not handle. */
export function wasmFallback(kernelName: string, stock: tf.KernelFunc | undefined, args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo | tf.TensorInfo[] {
  if (!stock) throw new Error(`${kernelName} (native): no wasm kernel to fall back to`);
  return stock(args);
}

/**
 * An element-wise kernel on the addon for float32 x (output y of x's shape, written by `run` into the
 * heap); other dtypes go to the wasm kernel it replaces.
 */
export function float32UnaryKernel(
  kernelName: string,
  run: (x: Float32Array, y: Float32Array, attrs: tf.NamedAttrMap) => void,
): (stock: tf.KernelFunc | undefined) => tf.KernelFunc {
  return (stock) => (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (x.dtype !== "float32") return wasmFallback(kernelName, stock, args);
    const backend = args.backend as NativeKernelBackend;
    const y = backend.makeOutput([...x.shape], "float32");
    run(heapView(backend, x), heapView(backend, y), args.attrs ?? {});
    return y;
  };
}
