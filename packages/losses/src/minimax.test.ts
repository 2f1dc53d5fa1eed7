import { tf } from "@gantry/core";
import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import { checkLoss, mean, softplus } from "./loss-check.testkit.js";
import { minimax, minimaxSchema } from "./minimax.js";

// Closed forms in float64: log σ(f) = −softplus(−f), log(1 − σ(f)) = −softplus(f).
const ref = (s: number) => ({
  discriminator: (r: readonly number[], f: readonly number[]) =>
    mean(r.map((x) => (1 - s) * softplus(-x) + s * softplus(x))) + mean(f.map(softplus)),
  generator: (f: readonly number[]) => -mean(f.map(softplus)),
});

describeBackends("minimax", () => {
  it("matches the closed form, finite differences and second order, also at ±50", async () => {
    await expectNoTensorLeak(() => checkLoss(minimax(), ref(0)));
  });
  it("one-sided label smoothing sets real targets to 1 − s", async () => {
    await expectNoTensorLeak(() => checkLoss(minimax({ labelSmoothing: 0.1 }), ref(0.1), { secondOrder: false }));
  });
  it("saturates: G's gradient vanishes where D rejects fakes", () => {
    const g = tf.tidy(() => tf.grad((f: tf.Tensor) => minimax().generator(f, f))(tf.tensor1d([-12])).dataSync()[0]);
    expect(Math.abs(g)).toBeLessThan(1e-5);
  });
  it("rejects smoothing outside [0, 1)", () => {
    expect(() => minimaxSchema.parse({ labelSmoothing: 1 })).toThrow();
    expect(minimax().output).toBe("probability");
  });
});
