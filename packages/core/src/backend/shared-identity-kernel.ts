// An Identity kernel that shares its input's data instead of copying it. TF.js clones every tensor a
// gradient saves for the backward pass (Engine.saveTensorsForBackwardMode → Identity), and wasm's stock
// Identity copies the whole buffer each time: ≈ 230 copies, ≈ 19 ms of a DCGAN-28 training step on the
// native backend (docs/performance.md). tfjs-backend-cpu's Identity already shares; so does wasm's own
// Reshape (incRef on the data id), and no TF.js kernel writes into its inputs, so sharing is safe on
// any backend that reference-counts its data ids.
import * as tf from "@tensorflow/tfjs-core";

/** Identity by reference: incRef on x's data id. Strings (kept in JS by wasm) go to the stock kernel. */
export function sharedIdentityKernel(stock: tf.KernelFunc | undefined): tf.KernelFunc {
  return (args) => {
    const x = (args.inputs as { x: tf.TensorInfo }).x;
    if (x.dtype === "string") {
      if (!stock) throw new Error("Identity: no stock kernel for string tensors");
      return stock(args);
    }
    (args.backend as tf.KernelBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}
