import { Rng, tf } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import { weightClipping } from "./weight-clipping.js";

describeBackends("weight clipping", () => {
  it("clamps every parameter to [−c, c] in new tensors and leaves the inputs untouched", async () => {
    await expectNoTensorLeak(async () => {
      const p = { "dense0/kernel": tf.tensor2d([[0.5, -0.003], [-2, 0.01]]), "dense0/bias": tf.tensor1d([-0.02, 0.004]) };
      const clipped = weightClipping().postUpdate!(p, { step: 0, rng: Rng.seeded(1) });
      try {
        expect(Array.from(await clipped["dense0/kernel"].data())).toEqual([0.01, -0.003, -0.01, 0.01].map(Math.fround));
        expect(Array.from(await clipped["dense0/bias"].data())).toEqual([-0.01, 0.004].map(Math.fround));
        expect(Array.from(await p["dense0/kernel"].data())).toEqual([0.5, -0.003, -2, 0.01].map(Math.fround));
        const wide = weightClipping({ limit: 1 }).postUpdate!(p, { step: 0, rng: Rng.seeded(1) });
        expect(Array.from(await wide["dense0/kernel"].data())).toEqual([0.5, -0.003, -1, 0.01].map(Math.fround));
        tf.dispose(Object.values(wide));
      } finally {
        tf.dispose([...Object.values(p), ...Object.values(clipped)]);
      }
    });
  });

  it("rejects a non-positive limit with an error naming the field", () => {
    expect(() => weightClipping({ limit: 0 })).toThrow(/regularizer\/weight-clipping: .*params\.limit|params\.limit.*weight-clipping/s);
  });
});
