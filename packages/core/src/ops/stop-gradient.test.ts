import { describeBackends, expectNoTensorLeak, readTidy } from "@gantry/testing";
import { expect, it } from "vitest";
import { stopGradient, tf } from "../index.js";

/** An identity whose gradient function counts its calls: shows what the backward pass visits. */
function watched(): { op: (x: tf.Tensor) => tf.Tensor; calls: () => number } {
  let calls = 0;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: tf.clone(args[0] as tf.Tensor),
    gradFunc: (dy: tf.Tensor) => { calls++; return tf.clone(dy); },
  }));
  return { op: (x) => op(x) as tf.Tensor, calls: () => calls };
}

describeBackends("stopGradient", () => {
  it("is the identity forward (a new tensor) and keeps the original alive when disposed", async () => {
    await expectNoTensorLeak(async () => {
      const x = tf.tensor2d([[1, -2], [3.5, 4]]);
      const y = stopGradient(x);
      expect(y).not.toBe(x);
      expect(y.shape).toEqual([2, 2]);
      expect(Array.from(await y.data())).toEqual([1, -2, 3.5, 4]);
      y.dispose();
      expect(Array.from(await x.data())).toEqual([1, -2, 3.5, 4]);
      x.dispose();
    });
  });

  it("blocks the gradient through it and leaves other paths alone: d/dx [x² + sg(x)³] = 2x", async () => {
    await expectNoTensorLeak(async () => {
      const x = tf.tensor1d([0.5, -1.5, 2]);
      const g = await readTidy(() => tf.grad((v: tf.Tensor) => tf.sum(tf.add(tf.square(v), tf.pow(stopGradient(v), 3))))(x));
      expect(Array.from(g)).toEqual([1, -3, 4]);
      x.dispose();
    });
  });

  it("blocks second-order gradients too: f = x²·sg(x) gives f' = 2x·sg(x) and f'' = 2·sg(x) (not 6x)", async () => {
    await expectNoTensorLeak(async () => {
      const x = tf.tensor1d([0.5, -1.5, 2]);
      const f = (v: tf.Tensor) => tf.sum(tf.mul(tf.square(v), stopGradient(v)));
      const g1 = await readTidy(() => tf.grad(f)(x));
      const g2 = await readTidy(() => tf.grad((v: tf.Tensor) => tf.sum(tf.grad(f)(v)))(x));
      expect(Array.from(g1)).toEqual([0.5, 4.5, 8]);
      expect(Array.from(g2)).toEqual([1, -3, 4]);
      x.dispose();
    });
  });

  it("the backward pass never visits what produced its input", async () => {
    await expectNoTensorLeak(async () => {
      const x = tf.tensor1d([0.5, -1.5, 2]);
      const upstream = watched();
      const g = await readTidy(() => tf.grad((v: tf.Tensor) => tf.sum(tf.add(tf.square(v), tf.pow(stopGradient(upstream.op(v)), 3))))(x));
      expect(Array.from(g)).toEqual([1, -3, 4]);
      expect(upstream.calls()).toBe(0);
      x.dispose();
    });
  });

  it("a tensor reached only through it has no gradient (zero with allowNoGradients, as any unconnected input)", async () => {
    await expectNoTensorLeak(async () => {
      const x = tf.tensor1d([1, 2]);
      const g = tf.tidy(() => tf.engine().gradients(() => tf.sum(tf.mul(stopGradient(x), 3)) as tf.Scalar, [x], undefined, true).grads[0]);
      expect(g == null).toBe(true);
      x.dispose();
    });
  });
});
