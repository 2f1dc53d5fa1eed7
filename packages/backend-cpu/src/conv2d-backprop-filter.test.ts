import fc from "fast-check";
import { afterEach, expect, it, vi } from "vitest";
import { tf, convInfo, convGeometry, type ConvAttrs, isGantryKernel, stockKernel } from "@gantry/core";
import { convCases, convPads, describeBackends, expectNoTensorLeak, referenceBackpropFilter, relativeError } from "@gantry/testing";
import { registerCpuKernels } from "./register-kernels.js";

const shape4 = convCases();

function backpropFilter(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: number[], attrs: ConvAttrs): tf.Tensor {
  return tf.engine().runKernel("Conv2DBackpropFilter", { x, dy }, { ...attrs, filterShape } as unknown as tf.NamedAttrMap) as tf.Tensor;
}

/** Runs the stock tfjs-backend-cpu kernel directly (it was unregistered when Gantry's replaced it). */
function stockBackpropFilter(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: number[], attrs: ConvAttrs): Float32Array {
  const stock = stockKernel("Conv2DBackpropFilter", "cpu");
  if (!stock) throw new Error("no stock kernel captured");
  const out = stock({ inputs: { x, dy }, backend: tf.backend(), attrs: { ...attrs, filterShape } as unknown as tf.NamedAttrMap }) as tf.TensorInfo;
  const values = tf.backend().readSync(out.dataId) as Float32Array;
  tf.backend().disposeData(out.dataId);
  return values;
}

describeBackends("cpu Conv2DBackpropFilter", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is Gantry's kernel, and registering again is a silent no-op", () => {
    const warn = vi.spyOn(console, "warn");
    registerCpuKernels();
    registerCpuKernels();
    expect(isGantryKernel("Conv2DBackpropFilter", "cpu")).toBe(true);
    expect(warn).not.toHaveBeenCalled();
  });

  it("equals the float64 definition for random shapes, strides and pads", async () => {
    await expectNoTensorLeak(() => {
      fc.assert(fc.property(shape4, convPads, fc.nat(1000), (s, p, seed) => {
        const attrs: ConvAttrs = { strides: [s.sh, s.sw], pad: p, dataFormat: "NHWC" };
        const filterShape = [s.fh, s.fw, s.inC, s.outC];
        const info = convInfo([s.batch, s.height, s.width, s.inC], filterShape, attrs);
        fc.pre(info.outHeight > 0 && info.outWidth > 0);
        tf.tidy(() => {
          const x = tf.randomUniform([s.batch, s.height, s.width, s.inC], -1, 1, "float32", seed) as tf.Tensor4D;
          const dy = tf.randomUniform(info.outShape, -1, 1, "float32", seed + 1) as tf.Tensor4D;
          const got = backpropFilter(x, dy, filterShape, attrs).dataSync();
          const want = referenceBackpropFilter(x.dataSync(), dy.dataSync(), convGeometry(info));
          // float32 inputs and output, float64 accumulation: only the final rounding differs.
          expect(relativeError(got, want)).toBeLessThan(1e-6);
        });
      }), { numRuns: 60 });
    });
  });

  it("equals the stock TF.js kernel on a DCGAN-like layer (4×4, stride 2, same) within 1e-4", async () => {
    await expectNoTensorLeak(() => tf.tidy(() => {
      const attrs: ConvAttrs = { strides: 2, pad: "same", dataFormat: "NHWC" };
      const x = tf.randomNormal([2, 14, 14, 16], 0, 1, "float32", 1) as tf.Tensor4D;
      const dy = tf.randomNormal([2, 7, 7, 32], 0, 1, "float32", 2) as tf.Tensor4D;
      const got = backpropFilter(x, dy, [4, 4, 16, 32], attrs).dataSync();
      expect(relativeError(got, stockBackpropFilter(x, dy, [4, 4, 16, 32], attrs))).toBeLessThan(1e-4);
    }));
  });

  it("hands NCHW to the stock kernel", async () => {
    await expectNoTensorLeak(() => tf.tidy(() => {
      const attrs: ConvAttrs = { strides: 1, pad: "valid", dataFormat: "NCHW" };
      const x = tf.randomNormal([1, 2, 5, 5], 0, 1, "float32", 3) as tf.Tensor4D;
      const dy = tf.randomNormal([1, 3, 3, 3], 0, 1, "float32", 4) as tf.Tensor4D;
      const got = backpropFilter(x, dy, [3, 3, 2, 3], attrs).dataSync();
      expect(relativeError(got, stockBackpropFilter(x, dy, [3, 3, 2, 3], attrs))).toBe(0);
    }));
  });
}, { only: ["cpu"] });
