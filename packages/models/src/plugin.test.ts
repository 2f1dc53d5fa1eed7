import { createRegistry, sgd } from "@gantry/core";
import { lossesPlugin } from "@gantry/losses";
import { describeBackends } from "@gantry/testing";
import { expect, it } from "vitest";
import { ringDataset } from "./methods/ring.testkit.js";
import { modelsPlugin } from "./node-plugin.js";

describeBackends("modelsPlugin", () => {
  it("builds an mlp GAN and the alternating method from the registry", async () => {
    const registry = createRegistry().use(lossesPlugin).use(modelsPlugin);
    const generator = registry.create("network", "mlp", { input: 4, hidden: [8], output: 2 });
    const discriminator = registry.create("network", "mlp", { input: 2, hidden: [8], output: 1, activation: "leakyRelu" });
    const loss = registry.create("loss", "non-saturating", {});
    const method = registry.create("method", "alternating", { steps: 10, dSteps: 2, batchSize: 8, ema: { decay: 0.9 } },
      { data: ringDataset(), generator, discriminator, loss, regularizers: [], gOptimizer: sgd({ lr: 0.01 }) });
    const stats = await method.step();
    expect(Number.isFinite(stats.gLoss)).toBe(true);
    expect((method as { steps?: number }).steps).toBe(10);
    method.dispose();
    expect(() => registry.create("method", "alternating", { dSteps: 1 }, { data: ringDataset(), generator, discriminator, loss })).toThrow(/steps/);
  });
});
