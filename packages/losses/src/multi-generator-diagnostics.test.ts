import { isGantryError, tf } from "@gantry/core";
import { describeBackends, expectNoTensorLeak, readTidy } from "@gantry/testing";
import { expect, it } from "vitest";
import { multiGeneratorAccuracy, realVoteShares } from "./multi-generator-diagnostics.js";

const softmaxReal = (r: readonly number[]): number => {
  const m = Math.max(...r);
  return Math.exp(r[0] - m) / r.reduce((s, x) => s + Math.exp(x - m), 0);
};

describeBackends("multi-generator diagnostics", () => {
  it("realVoteShares is each generator's mean softmax probability of column 0 (float64 reference, 1e-6 relative)", async () => {
    // 1e-6: a mean of two float32 softmax probabilities, ~1e-7 relative each; includes logits at ±50.
    const fakes = [[[0.3, -1.2, 2.0], [1.7, 0.4, -0.9]], [[50, -50, 0], [-50, 49.5, 50]]];
    await expectNoTensorLeak(async () => {
      const ts = fakes.map((f) => tf.tensor2d(f));
      const shares = realVoteShares(ts);
      const got = await Promise.all(shares.map(async (s) => (await s.data())[0]));
      fakes.forEach((f, i) => {
        const expected = f.reduce((s, r) => s + softmaxReal(r), 0) / f.length;
        expect(Math.abs(got[i] - expected), `generator ${i}: ${got[i]} vs ${expected}`).toBeLessThanOrEqual(1e-6 * expected + 1e-12);
      });
      tf.dispose([...ts, ...shares]);
    });
  });

  it("multiGeneratorAccuracy averages each source's argmax hit rate, sources weighted equally", async () => {
    const real = [[5, 0, 0, 0], [0, 5, 0, 0], [2, 2, 0, 0]];      // 2/3 (a tie goes to column 0)
    const fakes = [
      [[0, 5, 0, 0], [0, 5, 0, 0], [5, 0, 0, 0], [0, 0, 0, 5]],   // generator 0 → column 1: 2/4
      [[0, 0, 5, 0]],                                              // generator 1 → column 2: 1
      [[0, 0, 0, 5], [0, 0, 5, 0]],                                // generator 2 → column 3: 1/2
    ];
    await expectNoTensorLeak(async () => {
      const [r, ...f] = [real, ...fakes].map((b) => tf.tensor2d(b));
      const acc = (await readTidy(() => multiGeneratorAccuracy(r, f)))[0];
      expect(acc).toBeCloseTo((2 / 3 + 2 / 4 + 1 + 1 / 2) / 4, 6);
      tf.dispose([r, ...f]);
    });
  });

  it("bad inputs are GantryErrors naming the argument", async () => {
    await expectNoTensorLeak(() => {
      const [three, four] = [tf.zeros([2, 3]), tf.zeros([2, 4])];
      const caught = (f: () => unknown) => { try { f(); } catch (e) { return e; } throw new Error("expected a GantryError"); };
      const empty = caught(() => realVoteShares([]));
      expect(isGantryError(empty, "LOSS_FAKE_BATCHES")).toBe(true);
      // Two fake batches mean k = 2, so every batch needs 3 columns: a 4-column one is named.
      const wrongColumns = caught(() => multiGeneratorAccuracy(three, [three, four]));
      expect(isGantryError(wrongColumns, "LOSS_LOGITS_SHAPE")).toBe(true);
      expect((wrongColumns as Error).message).toMatch(/fakeLogits\[1\]/);
      const wrongReal = caught(() => multiGeneratorAccuracy(four, [three, three]));
      expect((wrongReal as Error).message).toMatch(/realLogits/);
      tf.dispose([three, four]);
    });
  });
});
