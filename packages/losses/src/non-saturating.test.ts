import { tf } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import { checkLoss, mean, softplus } from "./loss-check.testkit.js";
import { nonSaturating } from "./non-saturating.js";

// −log σ(f) = softplus(−f).
const ref = (s: number) => ({
  discriminator: (r: readonly number[], f: readonly number[]) =>
    mean(r.map((x) => (1 - s) * softplus(-x) + s * softplus(x))) + mean(f.map(softplus)),
  generator: (f: readonly number[]) => mean(f.map((x) => softplus(-x))),
});

describeBackends("non-saturating", () => {
  it("matches the closed form, finite differences and second order, also at ±50", async () => {
    await expectNoTensorLeak(() => checkLoss(nonSaturating(), ref(0)));
  });
  it("one-sided label smoothing", async () => {
    await expectNoTensorLeak(() => checkLoss(nonSaturating({ labelSmoothing: 0.2 }), ref(0.2), { secondOrder: false }));
  });
  it("does not saturate: G's gradient is ≈ −1/N where D rejects fakes", () => {
    const g = tf.tidy(() => tf.grad((f: tf.Tensor) => nonSaturating().generator(f, f))(tf.tensor1d([-12, -50])).dataSync());
    expect(g[0]).toBeCloseTo(-0.5, 5);
    expect(g[1]).toBeCloseTo(-0.5, 5);
  });
});
