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
