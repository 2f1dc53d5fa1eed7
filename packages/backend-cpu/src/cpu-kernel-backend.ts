// The part of tfjs-backend-cpu's MathBackendCPU that Gantry's kernels use (its class is not part of
// the package's typed public API for kernels registered from outside).
import { tf } from "@gantry/core";

export interface CpuKernelBackend {
  readSync(dataId: tf.DataId): tf.BackendValues;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

/** A tensor's values as float32 (conv inputs are float32; other dtypes are converted). */
export function readFloat32(backend: CpuKernelBackend, t: tf.TensorInfo): Float32Array {
  const v = backend.readSync(t.dataId);
  return v instanceof Float32Array ? v : Float32Array.from(v as ArrayLike<number>);
}
