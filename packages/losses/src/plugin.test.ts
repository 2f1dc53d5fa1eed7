import { createRegistry } from "@gantry/core";
import { expect, it } from "vitest";
import { lossesPlugin } from "./plugin.js";

it("registers every loss with its params schema", () => {
  const registry = createRegistry().use(lossesPlugin);
  for (const name of ["minimax", "non-saturating", "wasserstein", "hinge", "least-squares", "relativistic-average"]) {
    const loss = registry.create("loss", name, {});
    expect(typeof loss.discriminator).toBe("function");
  }
  expect(registry.create("loss", "non-saturating", { labelSmoothing: 0.1 }).output).toBe("probability");
  expect(() => registry.create("loss", "non-saturating", { labelSmoothing: 2 })).toThrow();
  expect(() => registry.create("loss", "hinge", { margin: 2 })).toThrow();
});

it("registers MAD-GAN's (k + 1)-way loss as kind multiGeneratorLoss, not as a binary loss", () => {
  const registry = createRegistry().use(lossesPlugin);
  const loss = registry.create("multiGeneratorLoss", "mad-gan", { generators: 3, labelSmoothing: 0.1 });
  expect(loss.generators).toBe(3);
  expect(typeof loss.realProbability).toBe("function");
  expect(registry.has("loss", "mad-gan")).toBe(false);
  expect(() => registry.create("multiGeneratorLoss", "mad-gan", {})).toThrow();
});
