// A Cast kernel that shares its input's data when the dtype does not change, instead of copying it.
// TF.js's gradients cast their saved operands to float32 whatever they are (Multiply's gradient is
// dy · cast(b, "float32")), and wasm's stock Cast copies the buffer even then: 26 copies, ≈ 1.6 ms of a
// DCGAN-28 training step on the native backend (benchmarks/speed/profile.ts). tfjs-backend-cpu's Cast
// already shares; sharing is safe for the reason shared-identity-kernel.ts gives (no TF.js kernel writes
// into its inputs).
import * as tf from "@tensorflow/tfjs-core";

/** Cast by reference (incRef on x's data id) when x already has the dtype; any real conversion, and strings, go to the stock kernel. */
export function sharedCastKernel(stock: tf.KernelFunc | undefined): tf.KernelFunc {
  return (args) => {
    const x = (args.inputs as { x: tf.TensorInfo }).x;
    const dtype = (args.attrs as { dtype: tf.DataType }).dtype;
    if (x.dtype !== dtype || dtype === "string") {
      if (!stock) throw new Error(`Cast: no stock kernel to convert ${x.dtype} to ${dtype}`);
      return stock(args);
    }
    (args.backend as tf.KernelBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype };
  };
}
