// AddN on webgpu for any number of inputs. tfjs-backend-webgpu 4.22 binds every input of AddN as a
// storage buffer in one shader, so tf.addN of ≥ 8 tensors (core's globalNorm over a DCGAN's params)
// fails pipeline validation (maxStorageBuffersPerShaderStage, 8 by default) and returns garbage. This
// sums in chunks that fit the limit with the stock kernel; it does not change the per-chunk WGSL.
import type { tf } from "@gantry/core";

type Info = tf.TensorInfo;
type Backend = tf.KernelBackend & { device?: { limits?: Record<string, unknown> } };

/** Inputs one AddN shader may take: the storage-buffer limit less the output's binding (at least 2). */
export function addNChunkSize(backend: Backend): number {
  const limit = backend.device?.limits?.maxStorageBuffersPerShaderStage;
  return Math.max(2, (typeof limit === "number" ? limit : 8) - 1);
}

/** Sums `terms` in chunks of at most `size` until one stock AddN call can take them all. */
export function chunkedAddN(stock: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const backend = args.backend as Backend;
    const size = addNChunkSize(backend);
    let terms = args.inputs as unknown as Info[];
    const partials: Info[] = []; // made here, disposed once the final sum is enqueued
    while (terms.length > size) {
      const next: Info[] = [];
      for (let i = 0; i < terms.length; i += size) {
        const chunk = terms.slice(i, i + size);
        if (chunk.length === 1) {
          next.push(chunk[0] as Info);
          continue;
        }
        const sum = stock({ ...args, inputs: chunk as unknown as tf.NamedTensorInfoMap }) as Info;
        partials.push(sum);
        next.push(sum);
      }
      terms = next;
    }
    const out = stock({ ...args, inputs: terms as unknown as tf.NamedTensorInfoMap });
    for (const p of partials) backend.disposeData(p.dataId);
    return out;
  };
}
