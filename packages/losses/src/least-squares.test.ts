import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { it } from "vitest";
import { checkLoss, mean } from "./loss-check.testkit.js";
import { leastSquares } from "./least-squares.js";

const ref = (a: number, b: number, c: number) => ({
  discriminator: (r: readonly number[], f: readonly number[]) =>
    0.5 * mean(r.map((x) => (x - b) ** 2)) + 0.5 * mean(f.map((x) => (x - a) ** 2)),
  generator: (f: readonly number[]) => 0.5 * mean(f.map((x) => (x - c) ** 2)),
});

describeBackends("least-squares", () => {
  it("default coding a = −1, b = 1, c = 1", async () => {
    await expectNoTensorLeak(() => checkLoss(leastSquares(), ref(-1, 1, 1)));
  });
  it("0-1 coding (Mao et al. eq. 9)", async () => {
    await expectNoTensorLeak(() => checkLoss(leastSquares({ fakeTarget: 0 }), ref(0, 1, 1), { secondOrder: false }));
  });
});
