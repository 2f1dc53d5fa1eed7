import fc from "fast-check";
import { afterEach, expect, it, vi } from "vitest";
import { isGantryError, tf, convInfo, convGeometry, type ConvAttrs, isGantryKernel } from "@gantry/core";
import { convCases, convPads, describeBackends, type ConvCase, expectNoTensorLeak, referenceBackpropFilter, referenceBackpropInput, referenceConv2d, relativeError } from "@gantry/testing";
import { registerWasmKernels } from "./register-kernels.js";

const cases = convCases();
const pads = convPads;
// float32 inputs, float32 GEMM accumulation over ≤ 9·9·4 terms: ~1e-7 relative; the reference is float64.
const TOL = 1e-5;

/** Runs `check` for random conv problems with a valid (non-empty) output, each in a tidy. */
function forRandomConvs(check: (c: ConvCase, attrs: ConvAttrs, info: tf.backend_util.Conv2DInfo, seed: number) => void): void {
  fc.assert(fc.property(cases, pads, fc.nat(1000), (c, pad, seed) => {
    const attrs: ConvAttrs = { strides: [c.sh, c.sw], pad, dataFormat: "NHWC" };
    const info = convInfo([c.batch, c.height, c.width, c.inC], [c.fh, c.fw, c.inC, c.outC], attrs);
    fc.pre(info.outHeight > 0 && info.outWidth > 0);
    tf.tidy(() => check(c, attrs, info, seed));
  }), { numRuns: 60 });
}

function run(kernel: string, inputs: tf.NamedTensorMap, attrs: object): tf.Tensor {
  return tf.engine().runKernel(kernel, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;
}

describeBackends("wasm convolution kernels", () => {
  afterEach(() => vi.restoreAllMocks());

  it("are Gantry's, and registering again is a silent no-op", () => {
    const warn = vi.spyOn(console, "warn");
    registerWasmKernels();
    registerWasmKernels();
    expect(isGantryKernel("Conv2DBackpropFilter", "wasm")).toBe(true);
    expect(isGantryKernel("Conv2DBackpropInput", "wasm")).toBe(true);
    expect(warn).not.toHaveBeenCalled();
  });

  it("Conv2DBackpropFilter equals the float64 definition for random shapes, strides and pads", async () => {
    await expectNoTensorLeak(() => forRandomConvs((c, attrs, info, seed) => {
      const x = tf.randomUniform([c.batch, c.height, c.width, c.inC], -1, 1, "float32", seed);
      const dy = tf.randomUniform(info.outShape, -1, 1, "float32", seed + 1);
      const got = run("Conv2DBackpropFilter", { x, dy }, { ...attrs, filterShape: info.filterShape }).dataSync();
      expect(relativeError(got, referenceBackpropFilter(x.dataSync(), dy.dataSync(), convGeometry(info)))).toBeLessThan(TOL);
    }));
  });

  it("Conv2DBackpropInput equals the float64 definition for random shapes, strides and pads", async () => {
    await expectNoTensorLeak(() => forRandomConvs((c, attrs, info, seed) => {
      const dy = tf.randomUniform(info.outShape, -1, 1, "float32", seed);
      const filter = tf.randomUniform(info.filterShape, -1, 1, "float32", seed + 1);
      const got = run("Conv2DBackpropInput", { dy, filter }, { ...attrs, inputShape: info.inShape }).dataSync();
      expect(relativeError(got, referenceBackpropInput(dy.dataSync(), filter.dataSync(), convGeometry(info)))).toBeLessThan(TOL);
    }));
  });

  it("conv2dTranspose (DCGAN generators) works forward and backward", async () => {
    await expectNoTensorLeak(() => tf.tidy(() => {
      // A generator layer: 7×7×8 → 14×14×4, kernel 4×4, stride 2, same. As a conv, its "input" is the output.
      const attrs: ConvAttrs = { strides: 2, pad: "same", dataFormat: "NHWC" };
      const g = convGeometry(convInfo([2, 14, 14, 4], [4, 4, 4, 8], attrs));
      const z = tf.randomNormal([2, 7, 7, 8], 0, 1, "float32", 1) as tf.Tensor4D;
      const w = tf.randomNormal([4, 4, 4, 8], 0, 1, "float32", 2) as tf.Tensor4D;
      const r = tf.randomNormal([2, 14, 14, 4], 0, 1, "float32", 3) as tf.Tensor4D;
      const f = (zz: tf.Tensor, ww: tf.Tensor) => tf.sum(tf.mul(tf.conv2dTranspose(zz as tf.Tensor4D, ww as tf.Tensor4D, [2, 14, 14, 4], 2, "same"), r));
      const y = tf.conv2dTranspose(z, w, [2, 14, 14, 4], 2, "same");
      expect(relativeError(y.dataSync(), referenceBackpropInput(z.dataSync(), w.dataSync(), g))).toBeLessThan(TOL);
      const [dz, dw] = tf.grads(f)([z, w]);
      // d/dz Σ r·convT(z, w) = conv2d(r, w); d/dw = backprop-filter(r, z).
      expect(relativeError(dz.dataSync(), referenceConv2d(r.dataSync(), w.dataSync(), g))).toBeLessThan(TOL);
      expect(relativeError(dw.dataSync(), referenceBackpropFilter(r.dataSync(), z.dataSync(), g))).toBeLessThan(TOL);
    }));
  });

  it("a batch too large for one im2col buffer is split into chunks with the same result", async () => {
    await expectNoTensorLeak(() => tf.tidy(() => {
      // 4·4·64 × 28·28 floats per sample: 21 samples exceed the 2^24-float buffer, so this runs in 2 chunks.
      const attrs: ConvAttrs = { strides: 1, pad: "same", dataFormat: "NHWC" };
      const info = convInfo([21, 28, 28, 64], [4, 4, 64, 1], attrs);
      const x = tf.randomUniform(info.inShape, -1, 1, "float32", 7);
      const dy = tf.randomUniform(info.outShape, -1, 1, "float32", 8);
      const filter = tf.randomUniform(info.filterShape, -1, 1, "float32", 9);
      const dw = run("Conv2DBackpropFilter", { x, dy }, { ...attrs, filterShape: info.filterShape }).dataSync();
      expect(relativeError(dw, referenceBackpropFilter(x.dataSync(), dy.dataSync(), convGeometry(info)))).toBeLessThan(1e-5);
      const dx = run("Conv2DBackpropInput", { dy, filter }, { ...attrs, inputShape: info.inShape }).dataSync();
      expect(relativeError(dx, referenceBackpropInput(dy.dataSync(), filter.dataSync(), convGeometry(info)))).toBeLessThan(1e-5);
    }));
  });

  it("Conv2DBackpropFilter rejects NCHW and dilations with a GantryError that says the fix", () => {
    tf.tidy(() => {
      const x = tf.zeros([1, 2, 5, 5]);
      const dy = tf.zeros([1, 3, 3, 3]);
      const nchw = { strides: 1, pad: "valid", dataFormat: "NCHW", filterShape: [3, 3, 2, 3] };
      const err = (() => { try { run("Conv2DBackpropFilter", { x, dy }, nchw); } catch (e) { return e; } })();
      expect(isGantryError(err, "KERNEL_UNSUPPORTED")).toBe(true);
      expect(String(err)).toMatch(/NCHW.*\n.*hint: use channels-last/);
      const dilated = { ...nchw, dataFormat: "NHWC", dilations: 2 };
      expect(() => run("Conv2DBackpropFilter", { x: tf.zeros([1, 5, 5, 2]), dy: tf.zeros([1, 1, 1, 3]) }, dilated)).toThrow(/dilations 2 are not supported/);
    });
  });
}, { only: ["wasm"] });
