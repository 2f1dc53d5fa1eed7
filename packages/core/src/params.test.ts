// Params helpers: values against float64 JS, key checks, ownership (new tensors, inputs intact).
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addParams, assertSameKeys, cloneParams, countParams, disposeParams, globalNorm, isGantryError, keepParams,
  mapParams, paramNames, prefixParams, scaleParams, subParams, tf, unprefixParams, zipParams, type Params,
} from "./index.js";

const values = (p: Params): Record<string, number[]> =>
  Object.fromEntries(Object.entries(p).map(([k, t]) => [k, Array.from(t.dataSync())]));

describeBackends("params helpers", () => {
  it("add, sub, scale, map and zip work entry by entry and leave inputs intact", async () => {
    const a = { w: tf.tensor1d([1, 2]), b: tf.scalar(3) };
    const b = { b: tf.scalar(0.5), w: tf.tensor1d([10, 20]) };
    await expectNoTensorLeak(() => {
      const results = [addParams(a, b), subParams(a, b), scaleParams(a, 2), mapParams(a, (t) => tf.neg(t)), zipParams(a, b, (x, y) => tf.mul(x, y))];
      expect(results.map(values)).toEqual([
        { w: [11, 22], b: [3.5] }, { w: [-9, -18], b: [2.5] }, { w: [2, 4], b: [6] }, { w: [-1, -2], b: [-3] }, { w: [10, 40], b: [1.5] },
      ]);
      for (const r of results) expect(r.w).not.toBe(a.w);
      disposeParams(...results);
    });
    expect(values(a)).toEqual({ w: [1, 2], b: [3] });
    disposeParams(a, b);
  });

  it("globalNorm equals the float64 norm within float32 precision", () => {
    fc.assert(fc.property(
      // Values on a 1e-4 grid: float32 squares of |x| < 1e-19 underflow to 0, a float32 limit, not a bug.
      fc.array(fc.array(fc.integer({ min: -1e6, max: 1e6 }).map((i) => i / 1e4), { minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 4 }),
      (arrays) => {
        const p: Params = Object.fromEntries(arrays.map((xs, i) => [`t${i}`, tf.tensor1d(xs)]));
        const f32 = arrays.flat().map(Math.fround);
        const expected = Math.sqrt(f32.reduce((s, x) => s + x * x, 0));
        const n = globalNorm(p);
        const got = n.dataSync()[0];
        // float32 sums of ≤ 80 squares: relative error ≲ 80·6e-8; 1e-5 also covers wasm's reductions.
        expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-5 * expected + 1e-30);
        disposeParams(p, { n });
      },
    ), { numRuns: 40 });
  });

  it("globalNorm does not depend on the order of the keys, to the bit", () => {
    // Squares 5, 5 and 1e8, whose float32 sum depends on the order (spacing 8 near 1e8):
    // (5 + 5) + 1e8 rounds to 1e8 + 8, but (1e8 + 5) + 5 rounds to 1e8 + 8, then to 1e8 + 16.
    const [a, b, c] = [tf.tensor1d([2, 1]), tf.tensor1d([1, 2]), tf.tensor1d([1e4])];
    const forward = globalNorm({ a, b, c });
    const backward = globalNorm({ c, b, a });
    expect(backward.dataSync()[0]).toBe(forward.dataSync()[0]);
    tf.dispose([a, b, c, forward, backward]);
  });

  it("globalNorm of nothing is 0, is differentiable, and leaks nothing", async () => {
    await expectNoTensorLeak(() => {
      const zero = globalNorm({});
      expect(zero.dataSync()[0]).toBe(0);
      const x = tf.tensor1d([3, 4]);
      const g = tf.grad((t: tf.Tensor) => globalNorm({ t }))(x);
      expect(Array.from(g.dataSync()).map((v) => +v.toFixed(6))).toEqual([0.6, 0.8]);
      tf.dispose([zero, x, g]);
    });
  });

  it("clone copies, keep survives tidy, dispose frees", async () => {
    const a = { w: tf.tensor1d([1, 2]) };
    await expectNoTensorLeak(() => {
      const c = cloneParams(a);
      expect(c.w).not.toBe(a.w);
      expect(values(c)).toEqual(values(a));
      let dropped: tf.Tensor | undefined;
      let kept: Params = {};
      tf.tidy(() => {
        dropped = tf.add(a.w, 3);
        kept = keepParams({ x: tf.add(a.w, 1), y: tf.add(a.w, 2) });
      });
      expect(dropped?.isDisposed).toBe(true);
      expect(kept.x.isDisposed || kept.y.isDisposed).toBe(false);
      disposeParams(c, kept, undefined);
      expect(c.w.isDisposed).toBe(true);
    });
    disposeParams(a);
  });

  it("counts, prefixes, unprefixes and sorts names", () => {
    const a = { "conv1/kernel": tf.zeros([3, 3, 1, 2]), "conv1/bias": tf.zeros([2]), dense: tf.zeros([4]) };
    expect(countParams(a)).toBe(18 + 2 + 4);
    const prefixed = prefixParams(a, "g");
    expect(Object.keys(prefixed).sort()).toEqual(["g/conv1/bias", "g/conv1/kernel", "g/dense"]);
    expect(prefixed["g/dense"]).toBe(a.dense); // a view, not a copy
    expect(Object.keys(unprefixParams({ ...prefixed, "gx/other": a.dense }, "g")).sort()).toEqual(["conv1/bias", "conv1/kernel", "dense"]);
    expect(paramNames(a)).toEqual(["conv1/bias", "conv1/kernel", "dense"]);
    disposeParams(a);
  });
});

describe("assertSameKeys", () => {
  it("names missing and unexpected keys", () => {
    const t = {} as tf.Tensor;
    let err: unknown;
    try { assertSameKeys({ a: t, b: t }, { b: t, c: t }); } catch (e) { err = e; }
    expect(isGantryError(err, "PARAMS_KEY_MISMATCH")).toBe(true);
    expect((err as Error).message).toMatch(/missing \[a\], unexpected \[c\]/);
    expect(() => assertSameKeys({ a: t }, { a: t })).not.toThrow();
  });
});
