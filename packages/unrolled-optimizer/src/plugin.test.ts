import { createRegistry } from "@gantry/core";
import { expect, it } from "vitest";
import { unrolledOptimizerPlugin } from "./plugin.js";

it("registers lookahead/unrolled with its params schema and defaults", () => {
  const registry = createRegistry().use(unrolledOptimizerPlugin);
  expect(registry.create("lookahead", "unrolled", {})).toMatchObject({ steps: 5, freshBatches: 0 });
  expect(registry.create("lookahead", "unrolled", { steps: 10, mode: "first-order", batches: "fresh" })).toMatchObject({ steps: 10, freshBatches: 10 });
  expect(() => registry.create("lookahead", "unrolled", { steps: 2.5 })).toThrow(/steps/);
  expect(() => registry.create("lookahead", "unrolled", { order: 2 })).toThrow(/order/);
  expect(Object.isFrozen(unrolledOptimizerPlugin)).toBe(true);
  expect(unrolledOptimizerPlugin.name).toBe("@gantry/unrolled-optimizer");
});
