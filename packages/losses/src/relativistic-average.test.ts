import { describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { it } from "vitest";
import { checkLoss, mean, softplus } from "./loss-check.testkit.js";
import { relativisticAverage } from "./relativistic-average.js";

// Jolicoeur-Martineau 2018, eq. 13–14 with the sigmoid link: −log σ(z) = softplus(−z), −log(1 − σ(z)) = softplus(z).
const term = (a: readonly number[], b: readonly number[]) =>
  mean(a.map((x) => softplus(-(x - mean(b))))) + mean(b.map((x) => softplus(x - mean(a))));
const ref = { discriminator: term, generator: term };

describeBackends("relativistic-average", () => {
  it("matches the closed form, finite differences and second order, also at ±50", async () => {
    await expectNoTensorLeak(() => checkLoss(relativisticAverage(), ref));
  });
});
