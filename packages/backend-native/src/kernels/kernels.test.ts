// Every native kernel against the wasm kernel it replaces (run on the same instance) and
// against float64 definitions, over random shapes: strides, padding, batch sizes, transposes, broadcasts.
// Tolerance: 1e-4 relative to the wasm kernel (the bound; both are float32 with different
// summation orders), 1e-5 to the float64 references (float32 rounding of K-term sums).
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import "@tensorflow/tfjs-backend-cpu";
import { tf, adam, convInfo, convGeometry, fusedDense, isGantryKernel, seededNormal, useBackend, AdamUpdate, FusedDense, ReluBackprop, SeededNormal, type ConvAttrs } from "@gantry/core";
import { convCases, convPads, expectNoTensorLeak, gantryErrorOf, referenceBackpropFilter, referenceBackpropInput, referenceConv2d, relativeError } from "@gantry/testing";
import { wasm } from "@gantry/backend-wasm/node";
import { native } from "../native-backend.js";
import { NATIVE_GANTRY_KERNELS, NATIVE_KERNELS } from "../register-kernels.js";
import { reductionSplit } from "./reduce.js";
import { OperandMode, planBinary } from "./binary.js";
import { builtAddon, nativeAvailable } from "../native-availability.test-support.js";

const convShape = convCases({ batch: 4, size: 10, inC: 5, outC: 6, filter: 5 });
const pad = convPads;

/**
 * Runs a kernel on the native backend, or on the cpu backend (inputs copied there), and returns its
 * values; nothing stays allocated on either.
 */
function run(kernel: string, on: "native" | "cpu", inputs: Record<string, tf.Tensor>, attrs: object): Float32Array {
  const backend = on === "native" ? tf.backend() : tf.findBackend("cpu")!;
  const infos: Record<string, tf.TensorInfo> = {};
  for (const [name, t] of Object.entries(inputs)) {
    infos[name] = on === "native" ? t : { dataId: backend.write(t.dataSync().slice(), t.shape, t.dtype), shape: t.shape, dtype: t.dtype };
  }
  const out = tf.getKernel(kernel, on)!.kernelFunc({ inputs: infos, backend, attrs: attrs as tf.NamedAttrMap }) as tf.TensorInfo;
  const values = (backend.readSync(out.dataId) as Float32Array).slice();
  backend.disposeData(out.dataId);
  if (on === "cpu") for (const t of Object.values(infos)) backend.disposeData(t.dataId);
  return values;
}

describe.runIf(nativeAvailable)("native kernels", () => {
  beforeAll(async () => {
    // wasm first, with Gantry's wasm kernels (BatchMatMul, Conv2D, …): native copies them, and must
    // still replace them with its own
    await useBackend(wasm, { log: () => {} });
    await useBackend(native, { log: () => {} });
  });

  it("replace the wasm kernels by name (Gantry's wasm ones too), and the rest of the wasm kernels are registered for native", () => {
    for (const k of NATIVE_KERNELS) {
      expect(isGantryKernel(k, "native"), k).toBe(true);
      expect(tf.getKernel(k, "native")!.kernelFunc, k).not.toBe(tf.getKernel(k, "wasm")!.kernelFunc);
    }
    for (const k of ["Add", "Relu", "Max", "Transpose", "Conv2D"]) expect(tf.getKernel(k, "native"), k).toBeDefined();
    for (const k of NATIVE_GANTRY_KERNELS) {
      expect(isGantryKernel(k, "native"), k).toBe(true);
      expect(tf.getKernel(k, "wasm"), k).toBeUndefined();
    }
  });

  it("Conv2D equals the cpu backend and the float64 definition", async () => {
    await expectNoTensorLeak(() => {
      fc.assert(fc.property(convShape, pad, fc.nat(1000), (s, p, seed) => {
        const attrs: ConvAttrs = { strides: [s.sh, s.sw], pad: p, dataFormat: "NHWC", dilations: 1 };
        const info = convInfo([s.batch, s.height, s.width, s.inC], [s.fh, s.fw, s.inC, s.outC], attrs);
        fc.pre(info.outHeight > 0 && info.outWidth > 0);
        tf.tidy(() => {
          const x = tf.randomUniform([s.batch, s.height, s.width, s.inC], -1, 1, "float32", seed);
          const filter = tf.randomUniform([s.fh, s.fw, s.inC, s.outC], -1, 1, "float32", seed + 1);
          const got = run("Conv2D", "native", { x, filter }, attrs);
          expect(relativeError(got, run("Conv2D", "cpu", { x, filter }, attrs))).toBeLessThan(1e-4);
          expect(relativeError(got, referenceConv2d(x.dataSync(), filter.dataSync(), convGeometry(info)))).toBeLessThan(1e-5);
        });
      }), { numRuns: 80 });
    });
  });

  it("Conv2DBackpropInput equals the cpu backend and the float64 definition", async () => {
    await expectNoTensorLeak(() => {
      fc.assert(fc.property(convShape, pad, fc.nat(1000), (s, p, seed) => {
        const inputShape: [number, number, number, number] = [s.batch, s.height, s.width, s.inC];
        const attrs = { strides: [s.sh, s.sw] as [number, number], pad: p, dataFormat: "NHWC" as const, inputShape };
        const info = convInfo(inputShape, [s.fh, s.fw, s.inC, s.outC], attrs);
        fc.pre(info.outHeight > 0 && info.outWidth > 0);
        tf.tidy(() => {
          const dy = tf.randomUniform(info.outShape, -1, 1, "float32", seed);
          const filter = tf.randomUniform([s.fh, s.fw, s.inC, s.outC], -1, 1, "float32", seed + 1);
          const got = run("Conv2DBackpropInput", "native", { dy, filter }, attrs);
          expect(relativeError(got, run("Conv2DBackpropInput", "cpu", { dy, filter }, attrs))).toBeLessThan(1e-4);
          expect(relativeError(got, referenceBackpropInput(dy.dataSync(), filter.dataSync(), convGeometry(info)))).toBeLessThan(1e-5);
        });
      }), { numRuns: 80 });
    });
  });

  it("Conv2DBackpropFilter equals the cpu backend and the float64 definition", async () => {
    await expectNoTensorLeak(() => {
      fc.assert(fc.property(convShape, pad, fc.nat(1000), (s, p, seed) => {
        const filterShape: [number, number, number, number] = [s.fh, s.fw, s.inC, s.outC];
        const attrs = { strides: [s.sh, s.sw] as [number, number], pad: p, dataFormat: "NHWC" as const, filterShape };
        const info = convInfo([s.batch, s.height, s.width, s.inC], filterShape, attrs);
        fc.pre(info.outHeight > 0 && info.outWidth > 0);
        tf.tidy(() => {
          const x = tf.randomUniform([s.batch, s.height, s.width, s.inC], -1, 1, "float32", seed);
          const dy = tf.randomUniform(info.outShape, -1, 1, "float32", seed + 1);
          const got = run("Conv2DBackpropFilter", "native", { x, dy }, attrs);
          expect(relativeError(got, run("Conv2DBackpropFilter", "cpu", { x, dy }, attrs))).toBeLessThan(1e-4);
          expect(relativeError(got, referenceBackpropFilter(x.dataSync(), dy.dataSync(), convGeometry(info)))).toBeLessThan(1e-5);
        });
      }), { numRuns: 80 });
    });
  });

  it("the convolutions equal the cpu backend on a DCGAN layer (4×4, stride 2, same, 64 → 128 channels)", async () => {
    await expectNoTensorLeak(() => tf.tidy(() => {
      const attrs = { strides: 2, pad: "same" as const, dataFormat: "NHWC" as const, dilations: 1 };
      // batch 4: the stock cpu Conv2DBackpropFilter this compares with takes ≈ 1.7 s per sample here
      const x = tf.randomNormal([4, 14, 14, 64], 0, 1, "float32", 1);
      const filter = tf.randomNormal([4, 4, 64, 128], 0, 1, "float32", 2);
      const dy = tf.randomNormal([4, 7, 7, 128], 0, 1, "float32", 3);
      for (const [kernel, inputs, extra] of [
        ["Conv2D", { x, filter }, {}],
        ["Conv2DBackpropInput", { dy, filter }, { inputShape: [4, 14, 14, 64] }],
        ["Conv2DBackpropFilter", { x, dy }, { filterShape: [4, 4, 64, 128] }],
      ] as const) {
        const a = { ...attrs, ...extra };
        expect(relativeError(run(kernel, "native", inputs, a), run(kernel, "cpu", inputs, a)), kernel).toBeLessThan(1e-4);
      }
    }));
  }, 60_000); // the cpu reference takes seconds: vitest's default 5 s failed beside another test run

  it("hands NCHW to the wasm kernel, which rejects it with a GantryError naming the kernel", () => {
    tf.tidy(() => {
      const x = tf.randomNormal([1, 2, 5, 5], 0, 1, "float32", 3);
      const dy = tf.randomNormal([1, 3, 3, 3], 0, 1, "float32", 4);
      const nchw = { strides: 1, pad: "valid", dataFormat: "NCHW", dilations: 1, filterShape: [3, 3, 2, 3] };
      expect(gantryErrorOf(() => run("Conv2DBackpropFilter", "native", { x, dy }, nchw))).toMatchObject({ code: "KERNEL_UNSUPPORTED", message: expect.stringContaining("Conv2DBackpropFilter") });
    });
  });

  const matShape = fc.record({
    m: fc.integer({ min: 1, max: 40 }), n: fc.integer({ min: 1, max: 40 }), k: fc.integer({ min: 1, max: 40 }),
    transposeA: fc.boolean(), transposeB: fc.boolean(),
    // batch of a and b: equal, or one of them 1 (broadcast), or no batch dimension at all
    batch: fc.constantFrom<[number[], number[]]>([[], []], [[3], [3]], [[1], [4]], [[4], [1]], [[2, 3], [2, 3]], [[2, 3], []], [[], [2, 2]]),
  });

  it("BatchMatMul equals the cpu backend: transposes, batches and broadcasts", async () => {
    await expectNoTensorLeak(() => {
      fc.assert(fc.property(matShape, fc.nat(1000), (s, seed) => {
        const aShape = [...s.batch[0], ...(s.transposeA ? [s.k, s.m] : [s.m, s.k])];
        const bShape = [...s.batch[1], ...(s.transposeB ? [s.n, s.k] : [s.k, s.n])];
        tf.tidy(() => {
          const a = tf.randomUniform(aShape, -1, 1, "float32", seed);
          const b = tf.randomUniform(bShape, -1, 1, "float32", seed + 1);
          const attrs = { transposeA: s.transposeA, transposeB: s.transposeB };
          expect(relativeError(run("BatchMatMul", "native", { a, b }, attrs), run("BatchMatMul", "cpu", { a, b }, attrs))).toBeLessThan(1e-5);
          // and through the public op, as models call it
          const viaOp = tf.matMul(a.rank === 2 ? a as tf.Tensor2D : a, b.rank === 2 ? b as tf.Tensor2D : b, s.transposeA, s.transposeB);
          expect(viaOp.shape).toEqual(s.batch[0].length >= s.batch[1].length
            ? [...broadcast(s.batch[0], s.batch[1]), s.m, s.n] : [...broadcast(s.batch[1], s.batch[0]), s.m, s.n]);
        });
      }), { numRuns: 80 });
    });
  });

  it("BatchMatMul hands a two-sided batch broadcast ([2, 1] × [1, 3]) to the wasm kernel", async () => {
    await expectNoTensorLeak(() => tf.tidy(() => {
      const a = tf.randomUniform([2, 1, 3, 4], -1, 1, "float32", 5);
      const b = tf.randomUniform([1, 3, 4, 2], -1, 1, "float32", 6);
      const attrs = { transposeA: false, transposeB: false };
      expect(relativeError(run("BatchMatMul", "native", { a, b }, attrs), run("BatchMatMul", "cpu", { a, b }, attrs))).toBeLessThan(1e-6);
    }));
  });

  it("Tanh equals the cpu backend (1 ulp: glibc's tanhf) over the float range, saturation and ±0 included", async () => {
    await expectNoTensorLeak(() => tf.tidy(() => {
      const x = tf.concat([tf.randomUniform([1000], -12, 12, "float32", 11), tf.tensor1d([0, -0, 1e-8, -1e-8, 50, -50, 3.4e38, -3.4e38])]);
      const got = run("Tanh", "native", { x }, {});
      const want = run("Tanh", "cpu", { x }, {});
      for (let i = 0; i < got.length; i++) expect(Math.abs(got[i] - want[i]), `x = ${x.dataSync()[i]}`).toBeLessThanOrEqual(2 ** -23 * Math.max(Math.abs(want[i]), 2 ** -126));
      expect(relativeError(run("Tanh", "native", { x: tf.randomNormal([7, 9, 11], 0, 2, "float32", 12) }, {}), run("Tanh", "cpu", { x: tf.randomNormal([7, 9, 11], 0, 2, "float32", 12) }, {}))).toBeLessThan(1e-6);
    }));
  });

  it("LeakyRelu equals the cpu backend bit for bit (a float64 product rounded once), 0, ±∞ and NaN included", async () => {
    await expectNoTensorLeak(() => tf.tidy(() => {
      const x = tf.concat([tf.randomNormal([693], 0, 2, "float32", 13), tf.tensor1d([0, -0, Infinity, -Infinity, NaN, 1e-30, -1e-30])]);
      for (const alpha of [0.2, 0.01, 0]) {
        const got = run("LeakyRelu", "native", { x }, { alpha });
        const want = run("LeakyRelu", "cpu", { x }, { alpha });
        for (let i = 0; i < got.length; i++) expect(Object.is(got[i], want[i]) || got[i] === want[i], `alpha ${alpha}, x = ${x.dataSync()[i]}: ${got[i]} vs ${want[i]}`).toBe(true);
      }
    }));
  });

  it("Relu and Step equal the cpu backend bit for bit, ±0, ±∞ and NaN included", async () => {
    await expectNoTensorLeak(() => tf.tidy(() => {
      const x = tf.concat([tf.randomNormal([693], 0, 2, "float32", 14), tf.tensor1d([0, -0, Infinity, -Infinity, NaN, 1e-30, -1e-30, 1e-45])]);
      for (const [kernel, attrs] of [["Relu", {}], ["Step", { alpha: 0 }], ["Step", { alpha: 0.3 }]] as const) {
        const got = run(kernel, "native", { x }, attrs);
        const want = run(kernel, "cpu", { x }, attrs);
        for (let i = 0; i < got.length; i++) expect(Object.is(got[i], want[i]), `${kernel} ${JSON.stringify(attrs)}, x = ${x.dataSync()[i]}: ${got[i]} vs ${want[i]}`).toBe(true);
      }
    }));
  });

  it("ReluBackprop equals Step then Multiply bit for bit, ±0, ±∞ and NaN in either input", async () => {
    await expectNoTensorLeak(() => tf.tidy(() => {
      const specials = [0, -0, Infinity, -Infinity, NaN, 1e-30, -1e-30, 1e-45, 3e38];
      const y = tf.concat([tf.randomNormal([701], 0, 2, "float32", 15), tf.tensor1d(specials.flatMap((v) => specials.map(() => v)))]);
      const dy = tf.concat([tf.randomNormal([701], 0, 2, "float32", 16), tf.tensor1d(specials.flatMap(() => specials))]);
      const got = run(ReluBackprop, "native", { dy, y }, {});
      const want = tf.mul(dy, tf.step(y)).dataSync();
      for (let i = 0; i < got.length; i++) expect(Object.is(got[i], want[i]), `dy ${dy.dataSync()[i]}, y ${y.dataSync()[i]}: ${got[i]} vs ${want[i]}`).toBe(true);
    }));
  });

  it("planBinary reads a broadcast as [outer, inner] with full, row, column or one-value operands", () => {
    const { Full, Row, Column, Scalar } = OperandMode;
    expect(planBinary([512, 128], [128])).toEqual({ outShape: [512, 128], outer: 512, inner: 128, a: Full, b: Row });
    expect(planBinary([512, 128], [512, 128])).toEqual({ outShape: [512, 128], outer: 1, inner: 512 * 128, a: Full, b: Full });
    expect(planBinary([4, 1], [4, 5])).toEqual({ outShape: [4, 5], outer: 4, inner: 5, a: Column, b: Full });
    expect(planBinary([], [2, 3])).toEqual({ outShape: [2, 3], outer: 1, inner: 6, a: Scalar, b: Full });
    expect(planBinary([1, 3], [2, 1])).toEqual({ outShape: [2, 3], outer: 2, inner: 3, a: Row, b: Column });
    expect(planBinary([2, 1, 3, 4], [1, 1, 3, 4])).toEqual({ outShape: [2, 1, 3, 4], outer: 2, inner: 12, a: Full, b: Row });
    expect(planBinary([2, 3, 1], [1, 3, 4])).toBeUndefined(); // a [2, 3]-then-1 column against a row starting at axis 1
    expect(planBinary([2, 1, 3], [1, 4, 1])).toBeUndefined(); // neither a row nor a column
    expect(planBinary([2, 3], [4, 3])).toBeUndefined(); // does not broadcast: the stock kernel's error
  });

  it("Add, Sub and Multiply equal the cpu backend bit for bit over broadcasts (rows, columns, one value, and the ones wasm keeps)", async () => {
    // an output shape, then each operand: a mode of its own (full, ones before a split, ones after it, all ones,
    // or random ones), and leading 1s dropped or not
    const pattern = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }).chain((out) => {
      const operand = fc.tuple(fc.constantFrom("full", "row", "column", "one", "random"), fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }), fc.boolean());
      return fc.tuple(fc.constant(out), fc.integer({ min: 0, max: out.length }), operand, operand, fc.nat(1000));
    });
    const shapeOf = (out: number[], split: number, [mode, ones, trim]: [string, boolean[], boolean]): number[] => {
      const shape = out.map((d, k) => (mode === "full" ? d : mode === "row" ? (k < split ? 1 : d) : mode === "column" ? (k < split ? d : 1) : mode === "one" ? 1 : ones[k] ? 1 : d));
      while (trim && shape.length > 0 && shape[0] === 1) shape.shift();
      return shape;
    };
    const specials = [0, -0, Infinity, -Infinity, NaN, 1e-45, -3e38, 3e38];
    const values = (shape: number[], seed: number) => tf.tidy(() => {
      const x = tf.randomNormal(shape, 0, 2, "float32", seed + 1).dataSync().slice();
      for (let i = 0; i < x.length; i += 7) x[i] = specials[(i + seed) % specials.length];
      return tf.tensor(x, shape);
    });
    let native = 0;
    await expectNoTensorLeak(() => {
      fc.assert(fc.property(pattern, ([out, split, pa, pb, seed]) => tf.tidy(() => {
        const aShape = shapeOf(out, split, pa), bShape = shapeOf(out, split, pb);
        const a = values(aShape, seed), b = values(bShape, seed + 500);
        if (planBinary(aShape, bShape)) native++;
        for (const kernel of ["Add", "Sub", "Multiply"]) {
          const got = run(kernel, "native", { a, b }, {});
          const want = run(kernel, "cpu", { a, b }, {});
          expect(got.length).toBe(want.length);
          for (let i = 0; i < got.length; i++) expect(Object.is(got[i], want[i]), `${kernel} ${JSON.stringify(aShape)} ⊙ ${JSON.stringify(bShape)} at ${i}: ${got[i]} vs ${want[i]}`).toBe(true);
        }
      })), { numRuns: 200 });
    });
    expect(native).toBeGreaterThan(100); // most patterns run on the addon, not the wasm fallback
  });

  it("Sum and Mean equal the cpu backend over shapes and axis sets, keepDims or not (1e-6: float64 accumulation)", async () => {
    const shapeAndAxes = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }).chain((shape) =>
      fc.tuple(fc.constant(shape), fc.subarray(shape.map((_, k) => k), { minLength: 1 }), fc.boolean(), fc.nat(1000)));
    await expectNoTensorLeak(() => {
      fc.assert(fc.property(shapeAndAxes, ([shape, axes, keepDims, seed]) => tf.tidy(() => {
        // Positive values, so no output is a cancellation near 0 where float32 round-off is relatively large.
        const x = tf.randomUniform(shape, 0.5, 1.5, "float32", seed);
        for (const kernel of ["Sum", "Mean"]) {
          const attrs = { axis: axes, keepDims };
          const got = run(kernel, "native", { x }, attrs);
          expect(relativeError(got, run(kernel, "cpu", { x }, attrs)), `${kernel} ${shape} over ${axes}`).toBeLessThan(1e-6);
          // Contiguous axes are the addon's: summed in float64 and rounded once, so within half a float32 ulp
          // of the float64 reduction (other axis sets are wasm's float32 sums, checked against cpu above).
          if (!reductionSplit(shape, axes)) continue;
          const exact = reduce64(x.dataSync(), shape, axes, kernel === "Mean");
          exact.forEach((e, i) => expect(Math.abs(got[i] - e), `${kernel} ${shape} over ${axes} [${i}]`).toBeLessThanOrEqual(2 ** -24 * Math.abs(e) * 1.0001));
        }
      })), { numRuns: 150 });
    });
  });

  it("Sum and Mean over batch norm's axes of a DCGAN activation (64×14×14×64 over N, H, W; 12 544 terms)", async () => {
    await expectNoTensorLeak(() => tf.tidy(() => {
      const x = tf.randomNormal([64, 14, 14, 64], 3, 1, "float32", 14);
      const attrs = { axis: [0, 1, 2], keepDims: true };
      // float64 sums against cpu's float32 ones: cpu's own rounding over 12 544 terms is the difference.
      for (const kernel of ["Sum", "Mean"]) expect(relativeError(run(kernel, "native", { x }, attrs), run(kernel, "cpu", { x }, attrs)), kernel).toBeLessThan(1e-4);
      const out = tf.engine().runKernel("Mean", { x }, attrs) as tf.Tensor;
      expect(out.shape).toEqual([1, 1, 1, 64]);
    }));
  });

  it("Sum hands non-contiguous axes and int32 to the wasm kernel; sums over an empty axis are 0 (wasm: garbage), means NaN", async () => {
    await expectNoTensorLeak(() => tf.tidy(() => {
      const x = tf.randomNormal([3, 4, 5], 0, 1, "float32", 15);
      expect(relativeError(tf.sum(x, [0, 2]).dataSync(), run("Sum", "cpu", { x }, { axis: [0, 2], keepDims: false }))).toBeLessThan(1e-6);
      expect(Array.from(tf.sum(tf.tensor2d([[1, 2], [3, 4]], [2, 2], "int32"), 0).dataSync())).toEqual([4, 6]);
      expect(tf.sum(tf.zeros([0, 3]), 0).arraySync()).toEqual([0, 0, 0]);
      expect(tf.mean(tf.zeros([0, 3]), 0).arraySync()).toEqual([NaN, NaN, NaN]);
      expect(tf.sum(tf.zeros([3, 0]), 0).shape).toEqual([0]);
    }));
  });

  it("AdamUpdate equals the unfused Adam ops bit for bit (adam() over 3 steps, epsRoot 0 and 1e-8, two learning rates)", async () => {
    await expectNoTensorLeak(async () => {
      for (const opts of [{ lr: 1e-3, betas: [0.5, 0.999] as [number, number] }, { lr: 0.2, eps: 1e-6, epsRoot: 1e-8 }]) {
        const run3 = () => tf.tidy(() => {
          const params = { w: tf.randomNormal([33, 17], 0, 1, "float32", 21), b: tf.randomNormal([17], 0, 1, "float32", 22) };
          const opt = adam(opts);
          let state = opt.init(params);
          const out: Float32Array[] = [];
          for (let step = 0; step < 3; step++) {
            const grads = { w: tf.randomNormal([33, 17], 0, 1, "float32", 30 + step), b: tf.randomNormal([17], 0, 0.01, "float32", 40 + step) };
            const r = opt.update(grads, state, params, step);
            state = r.state;
            for (const t of [r.updates.w, r.updates.b, state["exp_avg_sq/w"]]) out.push(Float32Array.from(t.dataSync()));
          }
          return out;
        });
        const fused = run3();
        const kernels = (await tf.profile(() => tf.tidy(() => {
          const params = { w: tf.ones([3, 2]) };
          const opt = adam(opts);
          opt.update({ w: tf.ones([3, 2]) }, opt.init(params), params, 0);
        }))).kernels.map((k) => k.name);
        expect(kernels).toContain(AdamUpdate);
        expect(kernels).not.toContain("Sqrt");
        // The reference: the same calls with the kernel unregistered, so adam() takes the unfused ops.
        const kernel = tf.getKernel(AdamUpdate, "native")!;
        tf.unregisterKernel(AdamUpdate, "native");
        let unfused: Float32Array[];
        try {
          unfused = run3();
        } finally {
          tf.registerKernel(kernel);
        }
        fused.forEach((a, k) => expect(Array.from(a), `output ${k}, ${JSON.stringify(opts)}`).toEqual(Array.from(unfused[k])));
      }
    });
  });

  it("SeededNormal draws tf.randomNormal's numbers bit for bit (fdlibm's log as V8's Math.log), odd sizes and shapes included", async () => {
    await expectNoTensorLeak(() => {
      fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 3 }),
        fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: 0, max: 4, noNaN: true }), (seed, shape, mean, std) => tf.tidy(() => {
          const got = seededNormal(shape, mean, std, seed);
          expect(got.shape).toEqual(shape);
          expect(Array.from(got.dataSync()), `seed ${seed}, shape ${shape}`).toEqual(Array.from(tf.randomNormal(shape, mean, std, "float32", seed).dataSync()));
        })), { numRuns: 150 });
      // 2 M values of one stream: a last-bit difference in log would show up about once per 10⁸–10⁹ values.
      tf.tidy(() => {
        const a = seededNormal([2_000_000], 0.25, 1.5, 987654321).dataSync();
        const b = tf.randomNormal([2_000_000], 0.25, 1.5, "float32", 987654321).dataSync();
        let differ = 0;
        for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) differ++;
        expect(differ).toBe(0);
      });
    });
    const kernels = (await tf.profile(() => { seededNormal([4], 0, 1, 3).dispose(); })).kernels.map((k) => k.name);
    expect(kernels).toEqual([SeededNormal]);
  });

  it("SeededNormal refuses an alea state that seedrandom cannot produce (its integer form would not be alea)", () => {
    const addon = builtAddon();
    const out = new Float32Array(4), meanStd = Float64Array.of(0, 1);
    expect(() => addon.seededNormal(out, Float64Array.of(0.5, 0.25, 0.125, 7), meanStd)).not.toThrow();
    for (const bad of [[0.3, 0.25, 0.125, 7], [0.5, 1, 0.125, 7], [0.5, 0.25, -0.125, 7], [0.5, 0.25, 0.125, 2.5], [0.5, 0.25, 0.125, 2091639]]) {
      expect(() => addon.seededNormal(out, Float64Array.from(bad), meanStd), String(bad)).toThrow(/multiples of 2\^-32/);
    }
  });

  it("SeededNormal's vectorised log equals Math.log bit for bit on each of fdlibm's branches", () => {
    const addon = builtAddon();
    const xs: number[] = [];
    const bits = new DataView(new ArrayBuffer(8));
    const withHighWord = (x: number, high: number): number => { bits.setFloat64(0, x); bits.setUint32(0, high); return bits.getFloat64(0); };
    for (let e = -1022; e <= 1023; e++) {
      const p = 2 ** e;
      xs.push(p); // f = 0
      // |f| < 2⁻²⁰ on both sides of a power of two (below it, x normalises to x/2 with 1 + f just under 1)
      if (e % 17 === 0 || (e >= -64 && e <= 1)) for (let j = 1; j <= 40; j++) xs.push(p * (1 + j * 2 ** -44), p * (1 - j * 2 ** -45), p * (1 + j * 2 ** -21), p * (1 - j * 2 ** -22));
    }
    // the six of 9.7 M inputs with |f| < 2⁻²⁰ near 1 where that branch's formula and the general one round
    // differently (found by a search over x = 2^e·(1 + j·2⁻⁴⁰)); elsewhere the two agree, so only these test it
    xs.push(0.9999996877359081, 0.9999997486374923, 1.0000002543638402, 1.0000003896320777, 1.000000420827746, 1.0000004638841347);
    // the mantissa's high word on each side of the two thresholds that choose fdlibm's formula (0x6147a, 0x6b851),
    // and of √2/2 and √2, where x normalises to x or x/2
    for (const high of [0x6147a, 0x6b851, 0x6a09e, 0x95f62]) {
      for (let d = -3; d <= 3; d++) for (const e of [-62, -30, -1, 0, 5]) xs.push(withHighWord(2 ** e, ((1023 + e) << 20) | (high + d)) * (1 + 2 ** -40));
    }
    let s = 12345;
    const next = (): number => { s = (s * 1103515245 + 12345) >>> 0; return s / 2 ** 32; };
    for (let i = 0; i < 20_000; i++) xs.push(Math.exp(-700 * next()) + 0, (next() + next() * 2 ** -32) || 0.5, 2 ** (Math.floor(next() * 2000) - 1000) * (1 + next()));
    // the polar method's own s = v1² + v2², v = 2·(x·2⁻³²) − 1
    for (let i = 0; i < 20_000; i++) { const v1 = 2 * next() - 1, v2 = 2 * next() - 1, q = v1 * v1 + v2 * v2; if (q > 0 && q < 1) xs.push(q); }
    const x = Float64Array.from(xs.filter((v) => v >= 2 ** -1022 && Number.isFinite(v)));
    const out = new Float64Array(x.length);
    addon.fdlibmLog(x, out);
    const wrong = [...x].filter((v, i) => !Object.is(out[i], Math.log(v)));
    expect(wrong.slice(0, 5), `${wrong.length} of ${x.length} differ`).toEqual([]);
    expect(() => addon.fdlibmLog(Float64Array.of(0), new Float64Array(1))).toThrow(/positive, normal and finite/);
  });

  it("_FusedMatMul with a bias and each activation equals the cpu backend", async () => {
    await expectNoTensorLeak(() => tf.tidy(() => {
      // rank 3, as tf.fused.matMul passes them to the kernel
      const a = tf.randomUniform([1, 5, 7], -1, 1, "float32", 7);
      const b = tf.randomUniform([1, 6, 7], -1, 1, "float32", 8);
      const bias = tf.randomUniform([6], -1, 1, "float32", 9);
      const preluActivationWeights = tf.randomUniform([6], 0, 0.5, "float32", 10);
      for (const activation of ["linear", "relu", "relu6", "elu", "sigmoid", "leakyrelu", "prelu"]) {
        const attrs = { transposeA: false, transposeB: true, activation, leakyreluAlpha: 0.1 };
        const inputs: Record<string, tf.Tensor> = activation === "prelu" ? { a, b, bias, preluActivationWeights } : { a, b, bias };
        expect(relativeError(run("_FusedMatMul", "native", inputs, attrs), run("_FusedMatMul", "cpu", inputs, attrs)), activation).toBeLessThan(1e-6);
      }
    }));
  });

  it("FusedDense equals BatchMatMul, Add and Relu run one after another, bit for bit (shapes, no bias, ±0, ±∞, NaN)", async () => {
    const shapes = fc.record({ m: fc.integer({ min: 1, max: 40 }), n: fc.integer({ min: 1, max: 40 }), k: fc.integer({ min: 0, max: 40 }) });
    await expectNoTensorLeak(() => {
      fc.assert(fc.property(shapes, fc.boolean(), fc.constantFrom("linear", "relu"), fc.nat(1000), ({ m, n, k }, withBias, activation, seed) => {
        tf.tidy(() => {
          const specials = [0, -0, Infinity, -Infinity, NaN, 1e-30, -3e38];
          const values = tf.randomNormal([m * k], 0, 1, "float32", seed).dataSync().map((v, i) => (i % 17 === 3 ? specials[(i + seed) % specials.length] : v));
          const x = tf.tensor2d(values, [m, k]);
          const kernel = tf.randomNormal([k, n], 0, 1, "float32", seed + 1);
          const bias = tf.randomNormal([n], 0, 1, "float32", seed + 2);
          const got = run(FusedDense, "native", withBias ? { x, kernel, bias } : { x, kernel }, { activation });
          let want = tf.matMul(x, kernel);
          if (withBias) want = tf.add(want, bias);
          if (activation === "relu") want = tf.relu(want);
          const w = want.dataSync();
          for (let i = 0; i < got.length; i++) expect(Object.is(got[i], w[i]), `[${m}, ${k}]·[${k}, ${n}] ${activation}: ${got[i]} vs ${w[i]}`).toBe(true);
        });
      }), { numRuns: 120 });
    });
  });

  it("fusedDense takes the native kernel and gives the unfused ops' values and gradients, first and second order, bit for bit", async () => {
    await expectNoTensorLeak(() => tf.tidy(() => {
      const x = tf.randomNormal([64, 5], 0, 1, "float32", 3);
      const params = [tf.randomNormal([5, 32], 0, 0.5, "float32", 4), tf.randomNormal([32], 0, 0.1, "float32", 5), tf.randomNormal([32, 1], 0, 0.5, "float32", 6), tf.randomNormal([1], 0, 0.1, "float32", 7)];
      const plainDense = (h: tf.Tensor, w: tf.Tensor, b: tf.Tensor, relu: boolean) => { const z = tf.add(tf.matMul(h, w), b); return relu ? tf.relu(z) : z; };
      const nets = {
        fused: (h: tf.Tensor, w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor, b2: tf.Tensor) => fusedDense(fusedDense(h, w1, b1, "relu"), w2, b2),
        plain: (h: tf.Tensor, w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor, b2: tf.Tensor) => plainDense(plainDense(h, w1, b1, true), w2, b2, false),
      };
      const read = (net: keyof typeof nets) => {
        const f = (h: tf.Tensor, w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor, b2: tf.Tensor) => tf.sum(tf.square(nets[net](h, w1, b1, w2, b2)));
        const [w1, b1, w2, b2] = params;
        // a gradient penalty's shape: ‖∇ₓf‖², differentiated with respect to every parameter (second order)
        const penalty = (w1p: tf.Tensor, b1p: tf.Tensor, w2p: tf.Tensor, b2p: tf.Tensor) => tf.sum(tf.square(tf.grad((h: tf.Tensor) => f(h, w1p, b1p, w2p, b2p))(x)));
        return [nets[net](x, w1, b1, w2, b2), ...tf.grads(f)([x, ...params]), ...tf.grads(penalty)(params)].map((t) => t.dataSync());
      };
      let calls = 0;
      const kernel = tf.getKernel(FusedDense, "native")!;
      tf.unregisterKernel(FusedDense, "native");
      tf.registerKernel({ ...kernel, kernelFunc: (args) => { calls++; return kernel.kernelFunc(args); } });
      try {
        const fused = read("fused");
        expect(calls).toBe(6); // two layers in each of the three: the output, the gradients, the penalty
        const plain = read("plain");
        fused.forEach((values, i) => expect(Array.from(values), `output ${i}`).toEqual(Array.from(plain[i])));
      } finally {
        tf.unregisterKernel(FusedDense, "native");
        tf.registerKernel(kernel);
      }
    }));
  });
});

function broadcast(a: number[], b: number[]): number[] {
  return tf.broadcast_util.assertAndGetBroadcastShape(a, b);
}

describe("reductionSplit", () => {
  it("reads the shape as [outer, reduced, inner] when the reduced axes are contiguous (size-1 dimensions ignored)", () => {
    expect(reductionSplit([64, 14, 14, 32], [0, 1, 2])).toEqual({ outer: 1, reduced: 64 * 14 * 14, inner: 32 });
    expect(reductionSplit([8, 5], [1])).toEqual({ outer: 8, reduced: 5, inner: 1 });
    expect(reductionSplit([2, 3, 4], [1])).toEqual({ outer: 2, reduced: 3, inner: 4 });
    expect(reductionSplit([4, 1, 6], [0, 2])).toEqual({ outer: 1, reduced: 24, inner: 1 });
    expect(reductionSplit([4, 1, 6], [1])).toEqual({ outer: 24, reduced: 1, inner: 1 });
    expect(reductionSplit([4, 3, 6], [0, 2])).toBeNull();
    expect(reductionSplit([0, 3], [0])).toEqual({ outer: 1, reduced: 0, inner: 3 });
  });
});

/** Sum (or mean) over `axes` in float64, output in row-major order of the kept axes. */
function reduce64(x: ArrayLike<number>, shape: readonly number[], axes: readonly number[], mean: boolean): number[] {
  const kept = shape.map((_, k) => k).filter((k) => !axes.includes(k));
  const out = new Array<number>(kept.reduce((p, k) => p * shape[k], 1)).fill(0);
  const coords = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < x.length; i++) {
    let o = 0;
    for (const k of kept) o = o * shape[k] + coords[k];
    out[o] += x[i];
    for (let k = shape.length - 1; k >= 0 && ++coords[k] === shape[k]; k--) coords[k] = 0;
  }
  const n = axes.reduce((p, k) => p * shape[k], 1);
  return mean ? out.map((v) => v / n) : out;
}

