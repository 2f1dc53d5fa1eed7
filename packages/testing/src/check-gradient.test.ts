import { tf, type Params } from "@gantry/core";
import { expect, it } from "vitest";
import { checkDirectionalDerivative, checkGradient, describeBackends, expectNoTensorLeak } from "./index.js";

// f(x) = Σ x³: ∇f = 3x², H = diag(6x). The wrong variants differ from it in one order only.
const cube = (x: tf.Tensor) => tf.sum(tf.pow(x, 3));

/** First order wrong: claims ∇ = 2x² (a plausible slip), value still Σ x³. */
type CustomArgs = (tf.Tensor | tf.GradSaveFunc)[];

const wrongFirst = tf.customGrad((...args: CustomArgs) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  save([x]);
  return { value: tf.sum(tf.pow(x, 3)), gradFunc: (dy: tf.Tensor, [s]: tf.Tensor[]) => tf.mul(dy, tf.mul(2, tf.square(s))) };
});

/**
 * First order right (3x²) but built from a copy of x made inside the forward function, where TF.js
 * does not record ops: the copy is detached from x, so the second order is 0 instead of 6x.
 */
const wrongSecond = tf.customGrad((...args: CustomArgs) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  save([tf.clone(x)]);
  return { value: tf.sum(tf.pow(x, 3)), gradFunc: (dy: tf.Tensor, [detached]: tf.Tensor[]) => tf.mul(dy, tf.mul(3, tf.square(detached))) };
});

/** Runs a check on a fresh x and disposes x (the checks read asynchronously, so no tf.tidy around them). */
async function onX<T>(check: (x: tf.Tensor) => Promise<T>): Promise<T> {
  const x = tf.tensor1d([-0.9, 0.4, 1.3]);
  try {
    return await check(x);
  } finally {
    x.dispose();
  }
}

describeBackends("checkGradient", () => {
  it("accepts a right gradient of order 1 and 2", async () => {
    await expectNoTensorLeak(() => onX(async (x) => {
      const first = await checkGradient(cube, x);
      const second = await checkGradient(cube, x, { order: 2 });
      expect(first.ok, first.message).toBe(true);
      expect(second.ok, second.message).toBe(true);
      // The first direction is all ones: H·1 = 6x.
      [-0.9, 0.4, 1.3].forEach((v, i) => expect(second.analytic[i]).toBeCloseTo(6 * v, 4));
    }));
  });

  it("rejects a wrong first-order gradient", async () => {
    await expectNoTensorLeak(() => onX(async (x) => {
      const r = await checkGradient((v) => wrongFirst(v) as tf.Tensor, x);
      expect(r.ok).toBe(false);
      expect(r.message).toMatch(/FAILED/);
    }));
  });

  it("rejects a wrong second-order gradient whose first order is right", async () => {
    await expectNoTensorLeak(() => onX(async (x) => {
      // With another path from x (tfjs#3252's silent case) the Hessian is just wrong…
      const mixed = (v: tf.Tensor) => tf.add(wrongSecond(v) as tf.Tensor, tf.sum(tf.square(v)));
      expect((await checkGradient(mixed, x)).ok).toBe(true);
      const silent = await checkGradient(mixed, x, { order: 2 });
      expect(silent.ok, silent.message).toBe(false);
    }));
  });

  it("reports a disconnected second-order gradient as a failure with TF.js's message", async () => {
    // No leak check: TF.js leaks the tape's saved tensors when tf.grad throws.
    const only = await onX((x) => checkGradient((v) => wrongSecond(v) as tf.Tensor, x, { order: 2 }));
    expect(only.ok).toBe(false);
    expect(only.message).toMatch(/Cannot compute gradient/);
  });
});

describeBackends("checkDirectionalDerivative", () => {
  const params = (): Params => ({
    w: tf.tensor2d([[0.3, -0.5, 0.8], [0.1, 0.7, -0.2]]),
    b: tf.tensor1d([0.05, -0.1, 0.2]),
  });
  const input = () => tf.tensor2d([[0.5, -1.0], [1.5, 0.25]]);
  const loss = (p: Params) => tf.sum(tf.square(tf.tanh(tf.add(tf.matMul(input(), p.w), p.b))));

  it("accepts a right gradient and rejects a wrong one", async () => {
    await expectNoTensorLeak(async () => {
      const p = params();
      const right = await checkDirectionalDerivative(loss, p);
      expect(right.ok, right.message).toBe(true);
      expect(right.maxRelError).toBeLessThan(1e-2);
      const doubled = tf.customGrad((...args: CustomArgs) => ({ value: tf.clone(args[0] as tf.Tensor), gradFunc: (dy: tf.Tensor) => tf.mul(dy, 2) }));
      const wrong = await checkDirectionalDerivative((q) => loss({ ...q, b: doubled(q.b) as tf.Tensor }), p);
      expect(wrong.ok, wrong.message).toBe(false);
      tf.dispose(Object.values(p));
    });
  });
});
