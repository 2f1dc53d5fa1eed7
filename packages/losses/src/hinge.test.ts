import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { expect, it } from "vitest";
import { checkLoss, mean } from "./loss-check.testkit.js";
import { hinge } from "./hinge.js";

const relu = (x: number) => Math.max(0, x);
// Test logits stay ≥ 0.1 away from the kinks at ±1, so differences never straddle one.
const ref = {
  discriminator: (r: readonly number[], f: readonly number[]) => mean(r.map((x) => relu(1 - x))) + mean(f.map((x) => relu(1 + x))),
  generator: (f: readonly number[]) => -mean(f),
};

describeBackends("hinge", () => {
  it("matches the closed form and finite differences, also at ±50", async () => {
    await expectNoTensorLeak(() => checkLoss(hinge(), ref));
    expect(hinge().output).toBe("critic");
  });
});
