import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import { checkLoss, mean } from "./loss-check.testkit.js";
import { wasserstein } from "./wasserstein.js";

const ref = {
  discriminator: (r: readonly number[], f: readonly number[]) => mean(f) - mean(r),
  generator: (f: readonly number[]) => -mean(f),
};

describeBackends("wasserstein", () => {
  it("matches the closed form and finite differences, also at ±50", async () => {
    await expectNoTensorLeak(() => checkLoss(wasserstein(), ref));
    expect(wasserstein().output).toBe("critic");
  });
});
