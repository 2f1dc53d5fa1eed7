// Gradient of Conv2DBackpropFilter (∂L/∂W as a function of the input x and the upstream dy). TF.js 4.22
// registers none, so differentiating a conv net's weight gradient again (Unrolled GAN's look-ahead
// through D's update, meta-gradients) throws. Dilations are 1, as in TF.js's own Conv2D gradient.
import * as tf from "@tensorflow/tfjs-core";

/**
 * dW = Σ x ⋆ dy is bilinear, and ⟨ddW, dW(x, dy)⟩ = ⟨conv2d(x, ddW), dy⟩, so
 * ∂/∂dy = conv2d(x, ddW) and ∂/∂x = conv2d's input gradient of dy through ddW (Conv2DBackpropInput).
 */
export const conv2dBackpropFilterGrad: tf.GradConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  inputsToSave: ["x", "dy"],
  gradFunc: (ddw, saved, attrs) => {
    const [x, dy] = saved;
    const a = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    const filter = ddw as tf.Tensor4D;
    return {
      x: () => conv2dInputGrad(x.shape as [number, number, number, number], dy, filter, a),
      dy: () => tf.conv2d(x as tf.Tensor4D, filter, a.strides, a.pad, a.dataFormat, 1, a.dimRoundingMode),
    };
  },
};

function conv2dInputGrad(inputShape: [number, number, number, number], dy: tf.Tensor, filter: tf.Tensor4D, attrs: tf.Conv2DBackpropFilterAttrs): tf.Tensor {
  const { strides, pad, dataFormat, dimRoundingMode } = attrs;
  const kernelAttrs: tf.Conv2DBackpropInputAttrs = { strides, pad, dataFormat, dimRoundingMode, inputShape };
  return tf.engine().runKernel(tf.Conv2DBackpropInput, { dy, filter }, kernelAttrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}
