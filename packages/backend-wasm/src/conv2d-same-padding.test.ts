import fc from "fast-check";
import { afterEach, expect, it, vi } from "vitest";
import { tf, convInfo, convGeometry, isGantryKernel, stockKernel, type ConvAttrs } from "@gantry/core";
import { convCases, convPads, describeBackends, expectNoTensorLeak, referenceBackpropFilter, referenceBackpropInput, referenceConv2d, relativeError } from "@gantry/testing";
import { conv2dKernel, stockConv2dIsWrong } from "./conv2d-same-padding.js";

type Pad = ConvAttrs["pad"];
const cases = convCases({ batch: 4 });
const pads = convPads;
// float32 inputs, float32 GEMM accumulation over ≤ 4·4·4 terms: ~1e-7 relative; the reference is float64.
const TOL = 1e-5;

/** The failing example from the defect report: x [1, 1, 3, 1], W [1, 2, 1, 1], strides [1, 3], 'same'. */
const failing = { x: [1, 1, 3, 1], w: [1, 2, 1, 1], attrs: { strides: [1, 3], pad: "same", dataFormat: "NHWC" } as ConvAttrs };

interface Problem { x: tf.Tensor; w: tf.Tensor; attrs: ConvAttrs; info: tf.backend_util.Conv2DInfo }

/** Runs `check` on random convolution problems with a non-empty output (`pad` fixed, if given), each in a tidy. */
function forRandomConvs(check: (p: Problem) => void, options: { pad?: Pad; numRuns: number }): void {
  const padArb = options.pad === undefined ? pads : fc.constant(options.pad);
  fc.assert(fc.property(cases, padArb, fc.nat(1000), (c, pad, seed) => {
    const attrs: ConvAttrs = { strides: [c.sh, c.sw], pad, dataFormat: "NHWC" };
    const info = convInfo([c.batch, c.height, c.width, c.inC], [c.fh, c.fw, c.inC, c.outC], attrs);
    fc.pre(info.outHeight > 0 && info.outWidth > 0);
    tf.tidy(() => {
      const x = tf.randomUniform(info.inShape, -1, 1, "float32", seed);
      const w = tf.randomUniform(info.filterShape, -1, 1, "float32", seed + 1);
      check({ x, w, attrs, info });
    });
  }), { numRuns: options.numRuns });
}

function run(kernel: tf.KernelFunc | string, p: { x: tf.Tensor; w: tf.Tensor; attrs: ConvAttrs }): tf.Tensor {
  const inputs = { x: p.x, filter: p.w };
  // runKernel gets dilations from tf.conv2d; the stock kernel reads them, so direct calls pass them too.
  const attrs = { dilations: 1, ...p.attrs } as unknown as tf.NamedAttrMap;
  if (typeof kernel === "string") return tf.engine().runKernel(kernel, inputs, attrs) as tf.Tensor;
  return tf.engine().makeTensorFromTensorInfo(kernel({ inputs, attrs, backend: tf.backend() }) as tf.TensorInfo);
}

function errorOf(y: tf.Tensor, p: Problem): number {
  return relativeError(y.dataSync(), referenceConv2d(p.x.dataSync(), p.w.dataSync(), convGeometry(p.info)));
}

function stock(): tf.KernelFunc {
  const k = stockKernel("Conv2D", "wasm");
  if (!k) throw new Error("no stock wasm Conv2D");
  return k;
}

describeBackends("wasm Conv2D ('same' padding fix)", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is Gantry's", () => {
    expect(isGantryKernel("Conv2D", "wasm")).toBe(true);
  });

  it("the stock kernel is wrong exactly where stockConv2dIsWrong says (the defect's condition)", () => {
    forRandomConvs((p) => {
      const err = errorOf(run(stock(), p), p);
      if (stockConv2dIsWrong(p.info)) expect(err).toBeGreaterThan(0.1);
      else expect(err).toBeLessThan(TOL);
    }, { pad: "same", numRuns: 150 });
  });

  it("equals the float64 definition for random shapes, strides 1–3, filters 1–4, pads and batches 1–4", async () => {
    await expectNoTensorLeak(() => forRandomConvs((p) => {
      expect(errorOf(tf.conv2d(p.x as tf.Tensor4D, p.w as tf.Tensor4D, p.attrs.strides, p.attrs.pad as "same"), p)).toBeLessThan(TOL);
    }, { numRuns: 150 }));
  });

  it("equals the float64 definition on the geometries the stock kernel gets wrong", async () => {
    await expectNoTensorLeak(() => forRandomConvs((p) => {
      fc.pre(stockConv2dIsWrong(p.info));
      expect(errorOf(run("Conv2D", p), p)).toBeLessThan(TOL);
    }, { pad: "same", numRuns: 60 }));
  });

  it("fixes the reported example (stock: relative error ≥ 1)", async () => {
    await expectNoTensorLeak(() => tf.tidy(() => {
      const info = convInfo(failing.x, failing.w, failing.attrs);
      const x = tf.tensor4d([0.5, -1.25, 2], [1, 1, 3, 1]);
      const p = { x, w: tf.tensor4d([3, -0.5], [1, 2, 1, 1]), attrs: failing.attrs, info };
      expect(stockConv2dIsWrong(info)).toBe(true);
      expect(errorOf(run(stock(), p), p)).toBeGreaterThanOrEqual(1);
      expect(Array.from(run("Conv2D", p).dataSync())).toEqual([0.5 * 3 + -1.25 * -0.5]);
    }));
  });

  it("hands other geometries to the stock kernel unchanged (a DCGAN layer: 4×4, stride 2, 'same')", async () => {
    const stockSpy = vi.fn(stock());
    const kernel = conv2dKernel(stockSpy);
    await expectNoTensorLeak(() => tf.tidy(() => {
      const attrs: ConvAttrs = { strides: 2, pad: "same", dataFormat: "NHWC" };
      const p = { x: tf.randomNormal([2, 16, 16, 8], 0, 1, "float32", 1), w: tf.randomNormal([4, 4, 8, 16], 0, 1, "float32", 2), attrs };
      const y = run(kernel, p);
      expect(stockSpy).toHaveBeenCalledTimes(1);
      expect(stockSpy.mock.calls[0][0].attrs).toEqual({ dilations: 1, ...attrs });
      expect(stockSpy.mock.calls[0][0].inputs).toEqual({ x: p.x, filter: p.w });
      expect(errorOf(y, { ...p, info: convInfo(p.x.shape, p.w.shape, attrs) })).toBeLessThan(TOL);
      run(kernel, { x: tf.ones(failing.x), w: tf.ones(failing.w), attrs: failing.attrs });
      expect(stockSpy).toHaveBeenCalledTimes(1);
    }));
  });

  it("frees its wasm-heap buffers, also when a large batch runs in chunks", async () => {
    const backend = tf.backend();
    const before = backend.numDataIds();
    await expectNoTensorLeak(() => tf.tidy(() => {
      // 4·1·128 × 32·16 floats per sample: 64 samples fill a 2^24-float buffer, so 65 run in 2 chunks.
      const attrs: ConvAttrs = { strides: [1, 2], pad: "same", dataFormat: "NHWC" };
      const info = convInfo([65, 32, 32, 128], [4, 1, 128, 1], attrs);
      expect(stockConv2dIsWrong(info)).toBe(true);
      const p = { x: tf.randomUniform(info.inShape, -1, 1, "float32", 3), w: tf.randomUniform(info.filterShape, -1, 1, "float32", 4), attrs, info };
      expect(errorOf(run("Conv2D", p), p)).toBeLessThan(TOL);
    }));
    expect(backend.numDataIds()).toBe(before);
  });

  it("values and gradients through tf.conv2d on a geometry the stock kernel gets wrong equal the float64 definition", async () => {
    await expectNoTensorLeak(() => tf.tidy(() => {
      const attrs: ConvAttrs = { strides: [3, 2], pad: "same", dataFormat: "NHWC" };
      const info = convInfo([3, 6, 7, 2], [2, 1, 2, 4], attrs);
      expect(stockConv2dIsWrong(info)).toBe(true);
      const g = convGeometry(info);
      const x = tf.randomUniform(info.inShape, -1, 1, "float32", 5) as tf.Tensor4D;
      const w = tf.randomUniform(info.filterShape, -1, 1, "float32", 6) as tf.Tensor4D;
      const r = tf.randomUniform(info.outShape, -1, 1, "float32", 7);
      // f = Σ r·conv2d(x, w): ∂f/∂x = backprop-input(r, w), ∂f/∂w = backprop-filter(x, r).
      const f = (xx: tf.Tensor, ww: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, [3, 2], "same"), r));
      expect(errorOf(tf.conv2d(x, w, [3, 2], "same"), { x, w, attrs, info })).toBeLessThan(TOL);
      const [dx, dw] = tf.grads(f)([x, w]);
      expect(relativeError(dx.dataSync(), referenceBackpropInput(r.dataSync(), w.dataSync(), g))).toBeLessThan(TOL);
      expect(relativeError(dw.dataSync(), referenceBackpropFilter(x.dataSync(), r.dataSync(), g))).toBeLessThan(TOL);
    }));
  });
}, { only: ["wasm"] });
