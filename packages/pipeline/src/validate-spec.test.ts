import { createRegistry, definePlugin, entry, isGantryError, type GantryError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { parseSpecText } from "./load-spec.js";
import { fakePlugin, validSpecYaml } from "./test-support/fake-plugin.js";
import { validateSpec } from "./validate-spec.js";

const registry = createRegistry().use(fakePlugin);
const validate = (yaml: string) => validateSpec(parseSpecText(yaml, "spec.yaml"), registry, { catalog: { "lookahead/unrolled": "@gantry/unrolled-optimizer" } });

/** Replaces one line of the valid spec (matched by a substring) with another. */
const edit = (find: string, replace: string): string => {
  expect(validSpecYaml).toContain(find);
  return validSpecYaml.replace(find, replace);
};

describe("validateSpec: sinks.loggers", () => {
  const withLoggers = (loggers: string) => edit("sinks: { checkpoint: { every: 5 } }", `sinks: { checkpoint: { every: 5 }, loggers: ${loggers} }`);
  const issues = (yaml: string) => errorOf(yaml).issues.map((i) => [i.code, i.where.field, i.message]);

  it("checks each logger against the registry and keeps its parsed params, in order", () => {
    const graph = validate(withLoggers("[{ use: sink/memory }, { use: sink/memory, params: { capacity: 3 } }]"));
    expect(graph.loggers.map((l) => [l.name, l.params, l.path.join(".")])).toEqual([
      ["memory", { capacity: 10 }, "sinks.loggers.0"], ["memory", { capacity: 3 }, "sinks.loggers.1"],
    ]);
    expect(validate(validSpecYaml).loggers).toEqual([]);
  });

  it("reports unknown sinks with did-you-mean, a non-sink, and bad params at sinks.loggers.<i>.params", () => {
    expect(issues(withLoggers("[{ use: sink/memroy }, { use: snk/memory }, { use: loss/non-saturating }, { use: sink/memory, params: { capacity: 0 } }]"))).toEqual([
      ["SPEC_UNKNOWN_NAME", "sinks.loggers.0.use", expect.stringMatching(/no sink named "memroy"; did you mean "sink\/memory"/)],
      ["SPEC_UNKNOWN_KIND", "sinks.loggers.1.use", expect.stringMatching(/did you mean "sink\/memory"/)],
      ["SPEC_WRONG_KIND", "sinks.loggers.2.use", expect.stringMatching(/a logger must be a sink, but loss\/non-saturating is a loss/)],
      ["SPEC_BAD_PARAMS", "sinks.loggers.3.params.capacity", expect.stringMatching(/too small|>0/i)],
    ]);
  });
});

describe("validateSpec on a valid spec", () => {
  it("orders dependencies first and finds the training node and observers", () => {
    const graph = validate(validSpecYaml);
    expect(graph.trainingNode).toBe("train");
    expect(graph.observers).toEqual(["coverage"]);
    const order = graph.order;
    expect(order.indexOf("data")).toBeLessThan(order.indexOf("train"));
    expect(order.indexOf("train.gOptimizer")).toBeLessThan(order.indexOf("train"));
    expect(order.indexOf("train")).toBeLessThan(order.indexOf("coverage"));
    expect(graph.nodes.get("train")!.params).toEqual({ steps: 10, dSteps: 1, seed: 3 });
    expect(graph.nodes.get("train")!.inputs.regularizers).toBeUndefined();
    expect(graph.nodes.get("coverage")!.samplers).toEqual({ generator: { method: "train" } });
    expect(graph.nodes.get("coverage")!.inputs.generator).toBeUndefined();
    const named = validate(edit("with: { generator: train.sampler, data: data }", "with: { generator: train.sampler.online, data: data }"));
    expect(named.nodes.get("coverage")!.samplers).toEqual({ generator: { method: "train", name: "online" } });
  });
});

// Each broken spec must give one GantryError with exactly one issue of this code, naming the node/field and line.
const broken: readonly { name: string; yaml: string; code: string; message: RegExp; line?: number }[] = [
  { name: "YAML syntax", yaml: "name: x\nnodes: { a: [1, 2 }\n", code: "SPEC_SYNTAX", message: /not valid YAML/, line: 2 },
  { name: "not a mapping", yaml: "- 1\n- 2\n", code: "SPEC_INVALID", message: /expected object|mapping/ },
  { name: "missing name", yaml: edit("name: ring\n", ""), code: "SPEC_INVALID", message: /expected string/ },
  { name: "bad run name", yaml: edit("name: ring", "name: ring/../x"), code: "SPEC_INVALID", message: /folder name/, line: 1 },
  { name: "unknown top-level field", yaml: edit("seed: 3", "seed: 3\nseeds: 4"), code: "SPEC_INVALID", message: /seeds/ },
  { name: "negative seed", yaml: edit("seed: 3", "seed: -3"), code: "SPEC_INVALID", message: />=0|too small/i, line: 2 },
  { name: "use without a slash", yaml: edit("use: loss/non-saturating", "use: non-saturating"), code: "SPEC_INVALID", message: /<kind>\/<name>/, line: 7 },
  { name: "unknown field in a node", yaml: edit("loss: { use: loss/non-saturating }", "loss: { use: loss/non-saturating, param: {} }"), code: "SPEC_INVALID", message: /param/ },
  { name: "unknown kind", yaml: edit("use: loss/non-saturating", "use: los/non-saturating"), code: "SPEC_UNKNOWN_KIND", message: /did you mean "loss\/non-saturating"/, line: 7 },
  { name: "unknown name", yaml: edit("use: loss/non-saturating", "use: loss/non-saturatin"), code: "SPEC_UNKNOWN_NAME", message: /did you mean "loss\/non-saturating"/, line: 7 },
  { name: "plugin not installed", yaml: edit("  loss: { use: loss/non-saturating }", "  loss: { use: loss/non-saturating }\n  unroll: { use: lookahead/unrolled }"), code: "SPEC_UNKNOWN_KIND", message: /lookahead/ },
  { name: "param of the wrong type", yaml: edit("modes: 8", 'modes: "eight"'), code: "SPEC_BAD_PARAMS", message: /params\.modes: .*number/, line: 4 },
  { name: "param out of range", yaml: edit("modes: 8", "modes: 0"), code: "SPEC_BAD_PARAMS", message: /params\.modes/, line: 4 },
  { name: "unknown param", yaml: edit("modes: 8", "modes: 8, mdoes: 3"), code: "SPEC_BAD_PARAMS", message: /mdoes/ },
  { name: "nested param wrong", yaml: edit("hidden: [8], output: 2", 'hidden: [8, "x"], output: 2'), code: "SPEC_BAD_PARAMS", message: /params\.hidden\.1/ },
  { name: "missing required param", yaml: edit("params: { steps: 10 }", "params: { dSteps: 2 }"), code: "SPEC_BAD_PARAMS", message: /params\.steps/ },
  { name: "dangling reference", yaml: edit("loss: loss,", "loss: los,"), code: "SPEC_DANGLING_REF", message: /no node "los"; did you mean "loss"/, line: 10 },
  { name: "unknown port", yaml: edit("loss: loss,", "los: loss,"), code: "SPEC_UNKNOWN_PORT", message: /no input "los"; did you mean "loss"/ },
  { name: "missing port", yaml: edit("loss: loss,", ""), code: "SPEC_MISSING_PORT", message: /needs input "loss"/ },
  { name: "wrong kind on a port", yaml: edit("loss: loss,", "loss: data,"), code: "SPEC_WRONG_KIND", message: /needs a loss, but "data" is a dataset/ },
  { name: "inline node of the wrong kind on a port", yaml: edit("loss: loss,", "loss: { use: dataset/ring },"), code: "SPEC_WRONG_KIND", message: /needs a loss, but the inline node is a dataset \(dataset\/ring\)/ },
  { name: "list given to a single port", yaml: edit("loss: loss,", "loss: [loss],"), code: "SPEC_NOT_A_LIST", message: /takes one loss/ },
  { name: "wrong kind in a list", yaml: edit("loss: loss,", "loss: loss, regularizers: [loss],"), code: "SPEC_WRONG_KIND", message: /needs a regularizer/ },
  { name: "bad inline node", yaml: edit("use: optimizer/adam, params: { lr: 0.001 }", "use: optimizer/adam, params: { lr: -1 }"), code: "SPEC_BAD_PARAMS", message: /params\.lr/ },
  { name: "no training node", yaml: "name: x\nnodes:\n  data: { use: dataset/ring }\n", code: "SPEC_NO_TRAINING_NODE", message: /no training node/ },
  { name: "two training nodes", yaml: validSpecYaml.replace("  coverage:", "  train2: { use: method/alternating, with: { data: data, generator: generator, discriminator: critic, loss: loss }, params: { steps: 1 } }\n  coverage:"), code: "SPEC_MANY_TRAINING_NODES", message: /one training node/ },
  { name: "every on a non-observer", yaml: edit("loss: { use: loss/non-saturating }", "loss: { use: loss/non-saturating, every: 5 }"), code: "SPEC_EVERY_NOT_OBSERVER", message: /only metric nodes/ },
  { name: "every of zero", yaml: edit("every: 5 }", "every: 0 }"), code: "SPEC_INVALID", message: /too small|>0/i },
  { name: "self reference", yaml: edit("generator: { use: network/mlp, params: { input: 4, hidden: [8], output: 2 } }", "generator: { use: network/mlp, params: { input: 4, hidden: [8], output: 2 } }\n  self: { use: metric/mode-coverage, with: { generator: train.sampler, data: self } }"), code: "SPEC_CYCLE", message: /bound to itself/ },
  { name: "bad sink", yaml: edit("checkpoint: { every: 5 }", "checkpoint: { evry: 5 }"), code: "SPEC_INVALID", message: /evry|every/ },
  { name: "empty nodes", yaml: "name: x\nnodes: {}\n", code: "SPEC_INVALID", message: /at least one node/ },
  { name: "sampler port bound to a network", yaml: edit("with: { generator: train.sampler, data: data }", "with: { generator: generator, data: data }"), code: "SPEC_SAMPLER_BINDING", message: /needs a sampler; "generator" is a network/ },
  { name: "sampler port bound to the method node", yaml: edit("with: { generator: train.sampler, data: data }", "with: { generator: train, data: data }"), code: "SPEC_SAMPLER_BINDING", message: /"train" is a method/ },
  { name: "sampler of a node that is not a method", yaml: edit("with: { generator: train.sampler, data: data }", "with: { generator: data.sampler, data: data }"), code: "SPEC_DANGLING_REF", message: /"data" in data\.sampler is not a method node/ },
  { name: "duplicate key", yaml: edit("  loss: { use: loss/non-saturating }", "  loss: { use: loss/non-saturating }\n  loss: { use: loss/non-saturating }"), code: "SPEC_SYNTAX", message: /unique|duplicate/i },
];

describe("validateSpec rejects broken specs with one clear error each", () => {
  it(`covers at least 20 kinds of mistake (${broken.length})`, () => expect(broken.length).toBeGreaterThanOrEqual(20));
  for (const b of broken) {
    it(b.name, () => {
      let error: unknown;
      try {
        validate(b.yaml);
      } catch (e) {
        error = e;
      }
      expect(isGantryError(error), `expected a GantryError, got ${String(error)}`).toBe(true);
      const e = error as import("@gantry/core").GantryError;
      expect(e.code).toBe(b.code);
      expect(e.message).toMatch(b.message);
      expect(e.message).toMatch(/^spec\.yaml/);
      expect(e.hint).toBeTruthy();
      if (b.line !== undefined) expect(e.where.line).toBe(b.line);
      expect(e.issues.map((i) => i.code), "one mistake is one issue, with no follow-on errors").toEqual([b.code]);
    });
  }
});

const errorOf = (yaml: string, r = registry): GantryError => {
  try {
    validateSpec(parseSpecText(yaml, "spec.yaml"), r);
  } catch (e) {
    if (isGantryError(e)) return e;
    throw e;
  }
  throw new Error("expected validation to fail");
};

describe("validateSpec reports every problem at once", () => {
  it("lists each mistake as an issue, sorted by line, the first leading", () => {
    const yaml = validSpecYaml
      .replace("modes: 8", 'modes: "eight"') // line 4
      .replace("use: loss/non-saturating", "use: loss/hinge") // line 7
      .replace("loss: loss,", "loss: loss, discriminatr: critic,") // line 10
      .replace("every: 5 }", "every: 5, params: { n: 0 } }"); // line 13
    const e = errorOf(yaml);
    expect(e.issues.map((i) => [i.code, i.where.line, i.where.node, i.where.field])).toEqual([
      ["SPEC_BAD_PARAMS", 4, "data", "params.modes"],
      ["SPEC_UNKNOWN_NAME", 7, "loss", "use"],
      ["SPEC_UNKNOWN_PORT", 10, "train", "with.discriminatr"],
      ["SPEC_BAD_PARAMS", 13, "coverage", "params.n"],
    ]);
    expect(e.code).toBe("SPEC_BAD_PARAMS");
    expect(e.where.line).toBe(4);
    expect(e.message.split("\n").filter((l) => l.startsWith("spec.yaml:"))).toHaveLength(4);
    for (const i of e.issues) expect(i.where.file).toBe("spec.yaml");
  });

  it("reports every schema problem (zod's issues), each at its line", () => {
    const e = errorOf(validSpecYaml.replace("seed: 3", "seed: -3\nseeds: 4").replace("checkpoint: { every: 5 }", "checkpoint: { every: 0 }"));
    expect(e.issues.map((i) => [i.code, i.where.line, i.where.field])).toEqual([
      ["SPEC_INVALID", 2, "seed"], ["SPEC_INVALID", 3, "seeds"], ["SPEC_INVALID", 15, "sinks.checkpoint.every"],
    ]);
    expect(e.issues[1].message).toBe('unknown field "seeds"');
  });

  it("reports a misspelt key once, as unknown with a did-you-mean, not also as missing", () => {
    const e = errorOf(validSpecYaml.replace("checkpoint: { every: 5 }", "checkpoint: { evry: 5 }"));
    expect(e.issues.map((i) => [i.where.line, i.where.field, i.message])).toEqual([[14, "sinks.checkpoint.evry", 'unknown field "evry"; did you mean "every"?']]);
  });

  it("refuses a YAML alias bomb with an error at its first alias, not an exception from the parser", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 6 }, (_, i) => `b${i}: &b${i} [${Array(10).fill(i ? `*b${i - 1}` : "*a").join(", ")}]`)];
    const e = errorOf(`${validSpecYaml}${bomb.join("\n")}\n`);
    expect(e.code).toBe("SPEC_YAML_LIMIT");
    expect(e.where).toEqual({ file: "spec.yaml", line: 16 });
  });

  it("does not report what follows from a reported mistake (a node of unknown use is not dangling)", () => {
    const e = errorOf(validSpecYaml.replace("use: method/alternating", "use: method/alternatin"));
    expect(e.issues.map((i) => i.code)).toEqual(["SPEC_UNKNOWN_NAME"]);
    expect(errorOf(validSpecYaml.replace("use: dataset/ring", "use: dataset/rng")).issues.map((i) => i.code)).toEqual(["SPEC_UNKNOWN_NAME"]);
  });

  it("reports each cycle of a graph with other mistakes", () => {
    const yaml = validSpecYaml.replace("  coverage:", "  a: { use: metric/mode-coverage, with: { generator: train.sampler, data: b } }\n  b: { use: metric/mode-coverage, with: { generator: train.sampler, data: a } }\n  coverage:")
      .replace("modes: 8", "modes: 0");
    const codes = errorOf(yaml).issues.map((i) => i.code);
    expect(codes).toContain("SPEC_BAD_PARAMS");
    expect(codes.filter((c) => c === "SPEC_WRONG_KIND")).toHaveLength(2);
    expect(codes.filter((c) => c === "SPEC_CYCLE")).toHaveLength(1);
  });
});

describe("validateSpec checks backend names against the registry", () => {
  const backends = definePlugin({ name: "fake-backends", version: "1.0.0", provides: ["wasm", "cpu"].map((name) =>
    entry({ kind: "backend", name, create: () => ({ name, setup: async () => {} }) })) });
  const withBackends = createRegistry().use(fakePlugin).use(backends);

  it("accepts registered names and rejects others, naming the field and the registered ones", () => {
    expect(validateSpec(parseSpecText(validSpecYaml.replace("seed: 3", "seed: 3\nbackend: [wasm, cpu]"), "spec.yaml"), withBackends).trainingNode).toBe("train");
    const e = errorOf(validSpecYaml.replace("seed: 3", "seed: 3\nbackend: [cuda, wasm, cpux]"), withBackends);
    expect(e.issues.map((i) => [i.code, i.where.line, i.where.field])).toEqual([["SPEC_UNKNOWN_BACKEND", 3, "backend.0"], ["SPEC_UNKNOWN_BACKEND", 3, "backend.2"]]);
    expect(e.message).toMatch(/^spec\.yaml:3: backend\.0: no backend named "cuda"\n {2}hint: registered backends: cpu, wasm;/);
    expect(e.issues[1].message).toMatch(/"cpux"; did you mean "cpu"/);
    expect(errorOf(validSpecYaml.replace("seed: 3", "seed: 3\nbackend: gpu"), withBackends).where.field).toBe("backend");
  });
});
