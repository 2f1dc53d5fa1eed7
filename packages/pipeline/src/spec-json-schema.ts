// A JSON Schema for spec files, generated from the registered plugins' zod schemas, so editors
// (YAML language server, VS Code) can complete and check `use`, `params` and `with` as you type.
import type { EntryInfo, Registry } from "@gantry/core";

type JsonSchema = Record<string, unknown>;

const bindingSchema: JsonSchema = {
  anyOf: [
    { type: "string", description: "name of another node" },
    { $ref: "#/$defs/inlineNode" },
    { type: "array", items: { anyOf: [{ type: "string" }, { $ref: "#/$defs/inlineNode" }] } },
  ],
};

function entrySchema(e: EntryInfo, withEvery: boolean): JsonSchema {
  const ports = Object.fromEntries(Object.entries(e.inputs).map(([port, spec]) => [port, { ...bindingSchema, description: `a ${Array.isArray(spec) ? `list of ${spec[0]}` : spec}` }]));
  return {
    type: "object",
    description: e.description ?? `${e.kind}/${e.name} from ${e.plugin}`,
    properties: {
      use: { const: `${e.kind}/${e.name}` },
      params: e.params,
      with: { type: "object", properties: ports, additionalProperties: false },
      ...(withEvery ? { every: { type: "integer", minimum: 1 } } : {}),
    },
    required: ["use"],
    additionalProperties: false,
  };
}

/** A `sinks.loggers` item: `{ use: sink/<name>, params }`. */
const loggerSchema = (e: EntryInfo): JsonSchema => ({
  type: "object", description: e.description ?? `${e.kind}/${e.name} from ${e.plugin}`,
  properties: { use: { const: `${e.kind}/${e.name}` }, params: e.params }, required: ["use"], additionalProperties: false,
});

export function specJsonSchema(registry: Registry): JsonSchema {
  const entries = registry.list().filter((e) => e.kind !== "backend" && e.kind !== "sink");
  const sinks = registry.list("sink");
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "Gantry pipeline spec",
    type: "object",
    required: ["name", "nodes"],
    additionalProperties: false,
    properties: {
      name: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" },
      seed: { type: "integer", minimum: 0 },
      backend: { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] },
      plugins: { type: "array", items: { type: "string" } },
      nodes: { type: "object", additionalProperties: { anyOf: entries.map((e) => entrySchema(e, e.kind === "metric")) } },
      sinks: {
        type: "object", additionalProperties: false,
        properties: {
          checkpoint: {
            type: "object", required: ["every"],
            properties: {
              every: { type: "integer", minimum: 1 }, keep: { type: "integer", minimum: 1 },
              keepBest: {
                type: "object", required: ["metric", "mode"], additionalProperties: false,
                properties: { metric: { type: "string" }, value: { type: "string" }, mode: { enum: ["min", "max"] } },
                description: "also keep the checkpoint with the best value of a metric node so far, in <run>/best/",
              },
            },
          },
          samples: { type: "object", properties: { every: { type: "integer", minimum: 1 }, n: { type: "integer", minimum: 1 } }, required: ["every"] },
          log: { type: "object", properties: { every: { type: "integer", minimum: 1 } } },
          report: { type: "object", properties: { every: { type: "integer", minimum: 1 } } },
          loggers: { type: "array", description: "sink plugins that receive every event of the run", items: { anyOf: sinks.map(loggerSchema) } },
        },
      },
      guard: {
        type: "object", additionalProperties: false,
        description: "what the run does when a step statistic or a parameter is NaN or ±Inf",
        properties: {
          onNonFinite: { enum: ["stop", "rollback"], description: "stop (exit 1, default) or roll back to the last checkpoint with lower learning rates" },
          maxRollbacks: { type: "integer", minimum: 1, maximum: 100, description: "rollbacks before the run stops anyway (default 3)" },
          lrScale: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1, description: "factor on every optimizer's learning rate at each rollback (default 0.5)" },
          checkParams: { enum: ["checkpoint", "step"], description: "check parameters before each checkpoint and at the end (default), or after every step" },
        },
      },
    },
    $defs: { inlineNode: { anyOf: entries.map((e) => entrySchema(e, false)) } },
  };
}
