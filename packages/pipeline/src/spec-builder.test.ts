import { createRegistry } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { fromSpecObject, specBuilder } from "./spec-builder.js";
import { specJsonSchema } from "./spec-json-schema.js";
import { fakePlugin } from "./test-support/fake-plugin.js";
import { validateSpec } from "./validate-spec.js";

const registry = createRegistry().use(fakePlugin);

describe("specBuilder", () => {
  it("builds the same graph as the YAML form", () => {
    const spec = specBuilder("ring").seed(3)
      .node("data", "dataset/ring", { params: { modes: 8 } })
      .node("generator", "network/mlp", { params: { input: 4, output: 2 } })
      .node("critic", "network/mlp", { params: { input: 2, output: 1 } })
      .node("train", "method/alternating", {
        params: { steps: 10 },
        with: { data: "data", generator: "generator", discriminator: "critic", loss: { use: "loss/non-saturating" } },
      })
      .sinks({ checkpoint: { every: 5 } })
      .build();
    const graph = validateSpec(fromSpecObject(spec), registry);
    expect(graph.trainingNode).toBe("train");
    expect([...graph.nodes.keys()]).toContain("train.loss");
  });
});

describe("specJsonSchema", () => {
  it("describes every registered entry with its params and ports", () => {
    const schema = specJsonSchema(registry) as { properties: { nodes: { additionalProperties: { anyOf: { properties: { use: { const: string }; with: { properties: object } } }[] } } } };
    const entries = schema.properties.nodes.additionalProperties.anyOf;
    const uses = entries.map((e) => e.properties.use.const);
    expect(uses).toContain("method/alternating");
    const method = entries.find((e) => e.properties.use.const === "method/alternating")!;
    expect(Object.keys(method.properties.with.properties)).toEqual(["data", "generator", "discriminator", "loss", "regularizers", "gOptimizer", "dOptimizer"]);
  });
});
