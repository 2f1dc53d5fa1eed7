// Gantry's gradient fixes against closed forms (float64 JS) and finite differences, first and second
// order, on every backend; plus the registration itself and a live demonstration of the stock defect.
// Tensors are read with await only (readTidy), so the suite also runs on webgpu.
import { checkGradient, describeBackends, expectNoTensorLeak, readTidy, type ScalarFunction } from "@gantry/testing";
import { expect, it } from "vitest";
import { tf } from "../index.js";
import { gradientFixes, installGradientFixes } from "./gradient-fixes.js";
import { meanGrad } from "./gradient-fixes/reduction-grads.js";
import { tanhGrad } from "./gradient-fixes/tanh-grad.js";

interface Activation {
  readonly name: string;
  readonly op: (x: tf.Tensor) => tf.Tensor;
  readonly d1: (x: number) => number; // f'(x), float64
  readonly d2: (x: number) => number; // f''(x), float64
}

/**
 * f's gradient agrees with central differences at first order (eps 1e-2, tolerance 1e-3) and second order
 * (`secondEps`, tolerance 1e-2).
 */
async function expectFiniteDifferences(f: ScalarFunction, at: tf.Tensor, secondEps: number): Promise<void> {
  const first = await checkGradient(f, at, { order: 1, eps: 1e-2, rtol: 1e-3, atol: 1e-3 });
  const second = await checkGradient(f, at, { order: 2, eps: secondEps, rtol: 1e-2, atol: 1e-2 });
  expect(first.ok, first.message).toBe(true);
  expect(second.ok, second.message).toBe(true);
}

const sigma = (x: number) => 1 / (1 + Math.exp(-x));
const activations: readonly Activation[] = [
  { name: "tanh", op: tf.tanh, d1: (x) => 1 - Math.tanh(x) ** 2, d2: (x) => -2 * Math.tanh(x) * (1 - Math.tanh(x) ** 2) },
  { name: "sigmoid", op: tf.sigmoid, d1: (x) => sigma(x) * (1 - sigma(x)), d2: (x) => sigma(x) * (1 - sigma(x)) * (1 - 2 * sigma(x)) },
  { name: "leakyRelu(0.2)", op: (x) => tf.leakyRelu(x, 0.2), d1: (x) => (x > 0 ? 1 : 0.2), d2: () => 0 },
  { name: "elu", op: tf.elu, d1: (x) => (x > 0 ? 1 : Math.exp(x)), d2: (x) => (x > 0 ? 0 : Math.exp(x)) },
  { name: "relu", op: tf.relu, d1: (x) => (x > 0 ? 1 : 0), d2: () => 0 },
  { name: "relu6", op: tf.relu6, d1: (x) => (x > 0 && x < 6 ? 1 : 0), d2: () => 0 },
  { name: "softplus", op: tf.softplus, d1: sigma, d2: (x) => sigma(x) * (1 - sigma(x)) },
  { name: "exp", op: tf.exp, d1: Math.exp, d2: Math.exp },
];

// Points at least 0.15 from every kink (0 and 6), so finite differences with eps = 1e-2 never straddle one.
const points = [-2.1, -0.7, -0.15, 0.3, 1.2, 2.5, 6.5];

/** Float32 results against float64 closed forms: |a − e| ≤ atol + rtol·|e|. */
function expectClose(a: ArrayLike<number>, expected: readonly number[], rtol: number, atol: number, label: string): void {
  expected.forEach((e, i) => {
    expect(Math.abs(a[i] - e), `${label} at x = ${points[i]}: ${a[i]} vs ${e}`).toBeLessThanOrEqual(atol + rtol * Math.abs(e));
  });
}

// Closed-form tolerance: float32 evaluation of tanh/sigmoid/exp (XNNPACK's on wasm are polynomial
// approximations) is accurate to a few ulps; 1e-5 relative + 1e-6 absolute leaves 10× margin.
const CLOSED = { rtol: 1e-5, atol: 1e-6 };

describeBackends("gradient fixes: activations", () => {
  const x = () => tf.tensor1d(points);
  const gradOf = (op: Activation["op"]) => tf.grad((y: tf.Tensor) => tf.sum(op(y)));

  for (const act of activations) {
    it(`${act.name}: first and second order match the closed forms, also as the only path`, async () => {
      await expectNoTensorLeak(async () => {
        expectClose(await readTidy(() => gradOf(act.op)(x())), points.map(act.d1), CLOSED.rtol, CLOSED.atol, "f'");
        // Only path from x to the output: stock TF.js threw "Cannot compute gradient" for tanh, sigmoid, elu, exp.
        const second = await readTidy(() => tf.grad((v: tf.Tensor) => tf.sum(gradOf(act.op)(v)))(x()));
        expectClose(second, points.map(act.d2), CLOSED.rtol, CLOSED.atol, "f''");
      });
    });

    it(`${act.name}: second order with another path from x (tfjs#3252's silent case)`, async () => {
      await expectNoTensorLeak(async () => {
        // g(x) = Σ f(x)·x, so Σ g'(x) = Σ f'(x)x + f(x) and its derivative is f''(x)x + 2f'(x).
        const g = (y: tf.Tensor) => tf.sum(tf.mul(act.op(y), y));
        const second = await readTidy(() => tf.grad((v: tf.Tensor) => tf.sum(tf.grad(g)(v)))(x()));
        expectClose(second, points.map((p) => act.d2(p) * p + 2 * act.d1(p)), CLOSED.rtol, CLOSED.atol, "(f·x)''");
      });
    });

    it(`${act.name}: finite differences agree at first and second order`, async () => {
      await expectNoTensorLeak(async () => {
        // Weights break the symmetry of a plain sum. eps = 1e-2 at first order too: f reaches ~140 for exp,
        // and float32 round-off in f(x ± eps) is ~6e-8·|f|/eps (8e-3 at eps = 1e-3, 8e-4 at 1e-2).
        const w = tf.tensor1d([0.3, -1.1, 0.8, 1.7, -0.4, 0.9, 0.2]);
        const at = x();
        const f = (y: tf.Tensor) => tf.sum(tf.mul(act.op(y), w));
        try {
          await expectFiniteDifferences(f, at, 1e-3);
        } finally {
          tf.dispose([w, at]);
        }
      });
    });
  }
});

describeBackends("gradient fixes: registration", () => {
  it("stock gradients are registered after useBackend (matMul, conv2d)", async () => {
    await expectNoTensorLeak(async () => {
      // d/dA Σ(A·B) = 1·Bᵀ: each row of the gradient is the row sums of B.
      const g = await readTidy(() => {
        const a = tf.tensor2d([[1, 2], [3, 4]]);
        const b = tf.tensor2d([[0.5, -1, 2], [1.5, 0.25, -0.75]]);
        return tf.grad((m: tf.Tensor) => tf.sum(tf.matMul(m, b)))(a);
      });
      expect(Array.from(g)).toEqual([1.5, 1, 1.5, 1]);
      expect(tf.getGradient(tf.BatchMatMul)).toBeDefined();
      expect(tf.getGradient(tf.Conv2D)).toBeDefined();
    });
  });

  it("Gantry's configs are the ones registered for their kernels", () => {
    for (const config of gradientFixes) expect(tf.getGradient(config.kernelName), config.kernelName).toBe(config);
  });

  it("installGradientFixes re-asserts the fixes if stock gradients were registered again", async () => {
    const stockLike: tf.GradConfig = { kernelName: tf.Greater, gradFunc: () => ({}) };
    tf.registerGradient(stockLike);
    await installGradientFixes();
    for (const config of gradientFixes) expect(tf.getGradient(config.kernelName), config.kernelName).toBe(config);
  });

  it("the stock Tanh gradient is silently wrong at second order; the fix is right", async () => {
    // tfjs#3252. At x = [-0.7, 0.3, 1.2], d/dx Σ d/dx(tanh(x)·x) = −2t(1−t²)x + 2(1−t²) = [0.73242, 1.67032, −0.00024]
    // (float64); unfixed TF.js 4.22 gave [1.26948, 1.83027, 0.61004] on cpu — it drops the −2t(1−t²)x term.
    // Re-register the stock formula (saved output y, dy·(1 − y²)) to show the defect live, then restore the fix.
    const stockTanh: tf.GradConfig = {
      kernelName: tf.Tanh,
      outputsToSave: [true],
      gradFunc: (dy, [y]) => ({ x: () => tf.mul(tf.sub(1, tf.square(y)), dy as tf.Tensor) }),
    };
    const secondOrder = async () => Array.from(await readTidy(() => {
      const g = (v: tf.Tensor) => tf.sum(tf.mul(tf.tanh(v), v));
      return tf.grad((v: tf.Tensor) => tf.sum(tf.grad(g)(v)))(tf.tensor1d([-0.7, 0.3, 1.2]));
    }));
    const expected = [-0.7, 0.3, 1.2].map((p) => { const t = Math.tanh(p); return -2 * t * (1 - t * t) * p + 2 * (1 - t * t); });
    tf.registerGradient(stockTanh);
    let stock: number[];
    try {
      stock = await secondOrder();
    } finally {
      tf.registerGradient(tanhGrad);
    }
    stock.forEach((v, i) => expect(v).toBeCloseTo([1.26948, 1.83027, 0.61004][i], 4));
    const fixed = await expectNoTensorLeak(secondOrder);
    fixed.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });
});

describeBackends("gradient fixes: Sum and Mean (broadcast dy, no JavaScript ones)", () => {
  // x is 2×3×4 with distinct values; w weights the output so every element's gradient differs.
  const xValues = Array.from({ length: 24 }, (_, i) => ((i * 7) % 24) / 10 - 1.1);
  const cases: ReadonlyArray<{ readonly axis: number | number[]; readonly outShape: number[] }> = [
    { axis: [0, 1], outShape: [4] }, // batch norm's moments (NHWC: all but channels)
    { axis: 2, outShape: [2, 3] },
    { axis: [0, 2], outShape: [3] },
    { axis: [0, 1, 2], outShape: [] },
  ];
  /** For element i of x (row-major), the index of the output element it is reduced into. */
  const outIndex = (axis: number | number[], i: number): number => {
    const axes = new Set(typeof axis === "number" ? [axis] : axis);
    const shape = [2, 3, 4];
    const coords = [Math.floor(i / 12), Math.floor(i / 4) % 3, i % 4];
    let idx = 0;
    shape.forEach((d, k) => { if (!axes.has(k)) idx = idx * d + coords[k]; });
    return idx;
  };

  for (const { axis, outShape } of cases) {
    const n = (typeof axis === "number" ? [axis] : axis).reduce((p, a) => p * [2, 3, 4][a], 1);
    const weights = Array.from({ length: Math.max(1, outShape.reduce((p, d) => p * d, 1)) }, (_, j) => 0.5 + 0.25 * j);

    for (const [name, op, scale] of [["sum", tf.sum, 1], ["mean", tf.mean, 1 / n]] as const) {
      it(`${name} over axis ${JSON.stringify(axis)}: first order is w broadcast (×1/n for mean), second order of Σw·r² (summed over x) is 2w·scale²·n`, async () => {
        await expectNoTensorLeak(async () => {
          const w = () => tf.tensor(weights, outShape);
          const f = (v: tf.Tensor) => tf.sum(tf.mul(op(v, axis), w()));
          const first = await readTidy(() => tf.grad(f)(tf.tensor3d(xValues, [2, 3, 4])));
          xValues.forEach((_, i) => expect(first[i]).toBeCloseTo(weights[outIndex(axis, i)] * scale, 6));
          // g(x) = Σ w·r(x)², r = op(x): ∂g/∂x_i = 2w·r·scale; its gradient summed over i: Σ_i ∂/∂x_j = 2w·scale²·n.
          const g = (v: tf.Tensor) => tf.sum(tf.mul(tf.square(op(v, axis)), w()));
          const second = await readTidy(() => tf.grad((v: tf.Tensor) => tf.sum(tf.grad(g)(v)))(tf.tensor3d(xValues, [2, 3, 4])));
          xValues.forEach((_, i) => expect(second[i]).toBeCloseTo(2 * weights[outIndex(axis, i)] * scale * scale * n, 5));
        });
      });
    }
  }

  it("finite differences agree at first and second order (mean of a square, the batch-norm variance shape)", async () => {
    await expectNoTensorLeak(async () => {
      const at = tf.tensor3d(xValues, [2, 3, 4]);
      const w = tf.tensor1d([0.3, -1.1, 0.8, 1.7]);
      const f = (v: tf.Tensor) => tf.sum(tf.mul(tf.mean(tf.square(tf.sub(v, tf.mean(v, [0, 1], true))), [0, 1]), tf.mul(w, tf.sum(v, [0, 1]))));
      try {
        await expectFiniteDifferences(f, at, 1e-2);
      } finally {
        tf.dispose([at, w]);
      }
    });
  });

  it("Mean's backward pass holds one x-sized buffer fewer than the stock one (the quotient)", async () => {
    // The stock formula, re-registered for the comparison: dy reshaped, times ones(x.shape) filled in
    // JavaScript, divided by n — three x-sized results where the fix makes two (backend-filled ones, product).
    const stockMean: tf.GradConfig = {
      kernelName: tf.Mean,
      inputsToSave: ["x"],
      gradFunc: (dy, [x], attrs) => ({
        x: () => {
          const axes = tf.util.parseAxisParam(attrs.axis as number[], x.shape);
          const shape = x.shape.map((d, k) => (axes.includes(k) ? 1 : d));
          const n = axes.reduce((p, a) => p * x.shape[a], 1);
          return tf.div(tf.mul(tf.reshape(dy as tf.Tensor, shape), tf.ones(x.shape)), n);
        },
      }),
    };
    const x = tf.randomNormal([16, 32, 32], 0, 1, "float32", 1);
    const peak = async () => (await tf.profile(() => tf.tidy(() => {
      tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.mean(v, [0, 1]), tf.range(0, 32))))(x);
    }))).peakBytes;
    try {
      const ours = await peak();
      tf.registerGradient(stockMean);
      let stock: number;
      try {
        stock = await peak();
      } finally {
        tf.registerGradient(meanGrad);
      }
      expect(ours, `fixed ${ours} B, stock ${stock} B`).toBeLessThanOrEqual(stock - x.size * 4 + 1024); // 1 KiB: the small tensors differ
    } finally {
      x.dispose();
    }
  });
});
