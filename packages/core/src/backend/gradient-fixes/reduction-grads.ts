// Sum and Mean gradients that broadcast dy instead of multiplying it by ones. Stock TF.js 4.22 builds
// `ones(x.shape)` in JavaScript (a typed-array fill of x's full size, uploaded to the backend on every
// backward pass) and then multiplies (Mean also divides) at x's size. Batch norm takes a mean over
// N·H·W for every layer, so in a DCGAN-28 step that fill alone was ≈ 80 ms of ≈ 450 on the native
// backend (docs/performance.md). Here dy is reshaped to x's rank, scaled while small, and multiplied by
// ones that the backend fills itself (the Fill kernel: no JavaScript array, no upload, no tape path).
// Not broadcastTo: it runs the Tile kernel, whose wasm version costs ≈ 20 ms per batch-norm layer.
import * as tf from "@tensorflow/tfjs-core";

/** dy (already at x's rank, 1 on the reduced axes) broadcast to x's shape; differentiable in dy. */
const broadcastToShapeOf = (dy: tf.Tensor, x: tf.Tensor): tf.Tensor => tf.mul(dy, tf.fill(x.shape, 1, "float32"));

/** dy reshaped to x's rank with 1 on the reduced axes, and the number of elements each output summed. */
function keptDims(dy: tf.Tensor, x: tf.Tensor, axis: number | number[]): { expanded: tf.Tensor; reduceSize: number } {
  const axes = tf.util.parseAxisParam(axis, x.shape);
  const shape = x.shape.slice();
  let reduceSize = 1;
  for (const a of axes) {
    reduceSize *= shape[a];
    shape[a] = 1;
  }
  return { expanded: tf.reshape(dy, shape), reduceSize };
}

/** ∂ Σ_axes x / ∂x = 1 on every summed element: dy broadcast back over the reduced axes. */
export const sumGrad: tf.GradConfig = {
  kernelName: tf.Sum,
  inputsToSave: ["x"],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved;
    return { x: () => broadcastToShapeOf(keptDims(dy as tf.Tensor, x, attrs.axis as number | number[]).expanded, x) };
  },
};

/** ∂ mean_axes x / ∂x = 1/n on every averaged element (n = the product of the reduced dimensions). */
export const meanGrad: tf.GradConfig = {
  kernelName: tf.Mean,
  inputsToSave: ["x"],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved;
    return {
      x: () => {
        const { expanded, reduceSize } = keptDims(dy as tf.Tensor, x, attrs.axis as number | number[]);
        return broadcastToShapeOf(tf.div(expanded, reduceSize), x);
      },
    };
  },
};
