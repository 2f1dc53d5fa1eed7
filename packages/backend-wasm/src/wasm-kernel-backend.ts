// The part of tfjs-backend-wasm's BackendWasm that Gantry's kernels use: allocate a tensor in the
// wasm heap, view it as a Float32Array, free it, and call the backend's own kernels.
import { GantryError, tf } from "@gantry/core";

export interface WasmKernelBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): tf.backend_util.TypedArray;
  disposeData(dataId: tf.DataId): boolean;
}

/** A float32 view of a tensor in the wasm heap. Take views after allocating: the heap may grow. */
export function heapView(backend: WasmKernelBackend, t: tf.TensorInfo): Float32Array {
  const v = backend.typedArrayFromHeap(t);
  if (!(v instanceof Float32Array)) {
    throw new GantryError("KERNEL_UNSUPPORTED", `expected a float32 tensor, got ${t.dtype}`, { hint: "cast convolution inputs to float32" });
  }
  return v;
}

/** A zero-filled float32 tensor in the wasm heap (makeOutput's memory is not cleared). */
export function zeros(backend: WasmKernelBackend, shape: number[]): tf.TensorInfo {
  const t = backend.makeOutput(shape, "float32");
  heapView(backend, t).fill(0);
  return t;
}

/** A copy of elements [offset, offset + size(shape)) of t, as a new tensor of that shape. */
export function sliceCopy(backend: WasmKernelBackend, t: tf.TensorInfo, offset: number, shape: number[]): tf.TensorInfo {
  const out = backend.makeOutput(shape, "float32");
  const dst = heapView(backend, out);
  dst.set(heapView(backend, t).subarray(offset, offset + dst.length));
  return out;
}

/** a·b through the wasm backend's XNNPACK BatchMatMul (rank 3, no transposes: its fast path). */
export function batchMatMul(backend: WasmKernelBackend, a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo {
  const kernel = tf.getKernel("BatchMatMul", "wasm");
  if (!kernel) throw new GantryError("KERNEL_MISSING", "the wasm backend has no BatchMatMul kernel", { hint: "import @tensorflow/tfjs-backend-wasm 4.22 before registering Gantry's kernels" });
  const attrs = { transposeA: false, transposeB: false } as unknown as tf.NamedAttrMap;
  return kernel.kernelFunc({ inputs: { a, b }, backend, attrs }) as tf.TensorInfo;
}
