// The seed's vanishing-gradient claim (Goodfellow et al. 2014, §3): once D separates real from fake,
// the saturating G loss log(1 − D(G(z))) gives G almost no gradient; −log D(G(z)) does not.
import { adam, sgd, type AdversarialLoss } from "@gantry/core";
import { minimax, nonSaturating } from "@gantry/losses";
import { describeBackends } from "@gantry/testing";
import { expect, it } from "vitest";
import { mlp } from "../networks/mlp.js";
import { alternating } from "./alternating.js";
import { ringDataset } from "./ring.testkit.js";

/** Two steps of 50 D updates each against a frozen G (SGD with lr 0); the second step's stats. */
async function trainedDiscriminatorStats(loss: AdversarialLoss) {
  const trainer = alternating({
    data: ringDataset(), batchSize: 64, seed: 11, dSteps: 50,
    generator: mlp({ input: 4, hidden: [16], output: 2 }),
    discriminator: mlp({ input: 2, hidden: [16], output: 1 }),
    loss, gOptimizer: sgd({ lr: 0 }), dOptimizer: adam({ lr: 2e-2 }),
  });
  await trainer.step();
  const stats = await trainer.step(); // D stats are means over this step's 50 updates
  trainer.dispose();
  return stats;
}

describeBackends("vanishing gradients", () => {
  it("with D trained to separate, the saturating loss gives G a ≥ 10× smaller gradient than the non-saturating one", async () => {
    // Minimax and non-saturating share D's loss, and G is frozen, so both runs train the same D on the
    // same batches and take G's gradient on the same latent batch: only the G loss differs.
    const saturating = await trainedDiscriminatorStats(minimax());
    const nonSat = await trainedDiscriminatorStats(nonSaturating());
    expect(saturating.dLoss).toBeCloseTo(nonSat.dLoss, 4);
    expect(nonSat.dAccuracy).toBeGreaterThan(0.99);
    expect(nonSat.dFake).toBeLessThan(0.05);
    // ∂/∂f of −softplus(f) is −σ(f) and of softplus(−f) is −σ(−f): the ratio is ≈ e^{−f} ≥ 20 here.
    expect(nonSat.gradNormG / saturating.gradNormG).toBeGreaterThanOrEqual(10);
  });
});
