// The registry: errors name what is registered, the port and the field; list() describes entries.
import { describe, expect, it } from "vitest";
import { createRegistry, definePlugin, entry, isGantryError, z, type AdversarialLoss, type GantryError } from "../index.js";

const loss = (name: string): AdversarialLoss => ({ output: "probability", discriminator: () => { throw new Error(name); }, generator: () => { throw new Error(name); } });

const lossesPlugin = definePlugin({
  name: "@gantry/losses", version: "1.2.3",
  provides: [
    entry({ kind: "loss", name: "non-saturating", params: z.object({ labelSmoothing: z.number().min(0).max(1).default(0) }).strict(), create: () => loss("ns") }),
    entry({ kind: "loss", name: "hinge", create: () => loss("hinge") }),
  ],
});

const methodPlugin = definePlugin({
  name: "@gantry/models", version: "0.1.0",
  provides: [
    entry({
      kind: "method", name: "alternating", description: "k D steps per G step",
      params: z.object({ steps: z.number().int().positive(), latent: z.object({ dim: z.number().int().positive() }).strict() }).strict(),
      inputs: { loss: "loss", lookahead: "lookahead?", regularizers: ["regularizer"] },
      create: (p, inputs) => ({ p, inputs, step: async () => ({}), sample: () => undefined, exportState: () => ({}), importState: () => undefined }) as never,
    }),
  ],
});

function caught(f: () => unknown): GantryError {
  try { f(); } catch (e) { if (isGantryError(e)) return e; throw e; }
  throw new Error("expected a GantryError");
}

describe("registry", () => {
  const registry = createRegistry().use(lossesPlugin).use(methodPlugin);
  const where = { file: "spec.yaml", node: "train" };

  it("creates entries with parsed, defaulted params", () => {
    expect(registry.has("loss", "hinge")).toBe(true);
    expect(registry.parseParams("loss", "non-saturating", undefined)).toEqual({ labelSmoothing: 0 });
    const l = registry.create("loss", "non-saturating", { labelSmoothing: 0.1 });
    expect(registry.kindOf(l)).toBe("loss");
    expect(registry.get("loss", "hinge").plugin).toEqual({ name: "@gantry/losses", version: "1.2.3" });
  });

  it("hands the spec node's id to create (regularizers key their streams by it), and nothing otherwise", () => {
    const seen: unknown[] = [];
    const probe = definePlugin({ name: "probe", version: "1.0.0", provides: [
      entry({ kind: "loss", name: "probe", create: (_p, _i, context) => { seen.push(context); return loss("probe"); } }),
    ] });
    const r = createRegistry().use(probe);
    r.create("loss", "probe", {}, {}, { where, node: "train.with.loss" });
    r.create("loss", "probe");
    r.create("loss", "probe", {}, {}, { runDir: "runs/x" });
    expect(seen).toEqual([{ node: "train.with.loss" }, {}, { runDir: "runs/x" }]);
  });

  it("an unknown name lists the registered names with a did-you-mean", () => {
    const e = caught(() => registry.create("loss", "hinje", {}, {}, { where }));
    expect(e.code).toBe("REGISTRY_UNKNOWN_NAME");
    expect(e.message).toMatch(/^spec\.yaml: train: unknown loss "hinje"; did you mean "hinge"\?/);
    expect(e.hint).toMatch(/registered losss?: hinge, non-saturating/);
    expect(caught(() => registry.get("loss", "wgan")).message).not.toMatch(/did you mean/);
  });

  it("an unknown kind lists the registered kinds", () => {
    const e = caught(() => registry.get("los", "hinge"));
    expect(e.code).toBe("REGISTRY_UNKNOWN_KIND");
    expect(e.message).toMatch(/did you mean kind "loss"/);
    expect(e.hint).toMatch(/registered kinds: loss, method/);
    expect(caught(() => createRegistry().get("loss", "x")).hint).toMatch(/registry\.use\(plugin\) first/);
  });

  it("a duplicate name names both plugins; the same plugin twice is harmless", () => {
    const clash = definePlugin({ name: "third-party-losses", version: "2.0.0", provides: [entry({ kind: "loss", name: "hinge", create: () => loss("x") })] });
    const e = caught(() => createRegistry().use(lossesPlugin).use(clash));
    expect(e.code).toBe("REGISTRY_DUPLICATE");
    expect(e.message).toMatch(/loss\/hinge is provided by both "@gantry\/losses" and "third-party-losses"/);
    const twice = createRegistry().use(lossesPlugin).use(lossesPlugin);
    expect(twice.plugins()).toHaveLength(1);
    expect(twice.list("loss")).toHaveLength(2);
  });

  it("refuses plugins not made with definePlugin", () => {
    const raw = { name: "raw", version: "1.0.0", provides: [] };
    expect(caught(() => createRegistry().use(raw)).code).toBe("PLUGIN_NOT_DEFINED");
  });

  it("a params error names the field path, with did-you-mean for unknown keys", () => {
    const ports = { loss: registry.create("loss", "hinge"), regularizers: [] };
    const e1 = caught(() => registry.create("method", "alternating", { steps: 10, latent: { dim: -1 } }, ports, { where }));
    expect(e1.code).toBe("PARAMS_INVALID");
    expect(e1.where.field).toBe("params.latent.dim");
    expect(e1.hint).toMatch(/method\/alternating/);
    const e2 = caught(() => registry.create("method", "alternating", { step: 10, latent: { dim: 2 } }, ports, { where: { ...where, field: "use" } }));
    expect(e2.where.field).toBe("use.params.step");
    expect(e2.message).toMatch(/unknown param "step"; did you mean "steps"\?/);
    const e3 = caught(() => registry.create("method", "alternating", { steps: 1.5 }, ports));
    expect(e3.message).toMatch(/and 1 more problem/);
  });

  it("checks ports: missing, unknown, wrong kind, lists", () => {
    const hinge = registry.create("loss", "hinge");
    const params = { steps: 1, latent: { dim: 2 } };
    const missing = caught(() => registry.create("method", "alternating", params, {}, { where }));
    expect(missing.code).toBe("PORT_MISSING");
    expect(missing.where.field).toBe("with.loss");
    const unknown = caught(() => registry.create("method", "alternating", params, { loss: hinge, los: hinge }));
    expect(unknown.code).toBe("PORT_UNKNOWN");
    expect(unknown.message).toMatch(/has no input "los"; did you mean "loss"\?/);
    expect(unknown.hint).toMatch(/its inputs are: loss, lookahead, regularizers/);
    const method = registry.create("method", "alternating", params, { loss: hinge });
    const wrong = caught(() => registry.create("method", "alternating", params, { loss: method }));
    expect(wrong.code).toBe("PORT_WRONG_KIND");
    expect(wrong.message).toMatch(/input "loss" of method\/alternating must be a loss, got a method/);
    const notList = caught(() => registry.create("method", "alternating", params, { loss: hinge, regularizers: hinge }));
    expect(notList.message).toMatch(/takes a list of regularizers/);
    const badItem = caught(() => registry.create("method", "alternating", params, { loss: hinge, regularizers: [hinge] }));
    expect(badItem.where.field).toBe("with.regularizers[0]");
  });

  it("rejects a create that returns something of the wrong shape", () => {
    const liar = definePlugin({ name: "liar", version: "1.0.0", provides: [entry({ kind: "loss", name: "bad", create: () => ({}) as never })] });
    expect(caught(() => createRegistry().use(liar).create("loss", "bad")).code).toBe("PLUGIN_BAD_VALUE");
  });

  it("list() reports params JSON Schema, ports, plugin and description", () => {
    const [alternating] = registry.list("method");
    expect(alternating).toMatchObject({
      kind: "method", name: "alternating", plugin: "@gantry/models", version: "0.1.0", description: "k D steps per G step",
      inputs: { loss: "loss", lookahead: "lookahead?", regularizers: ["regularizer"] },
    });
    expect(alternating.params).toMatchObject({ type: "object", required: ["steps", "latent"], properties: { steps: { type: "integer" } } });
    const ns = registry.list().find((e) => e.name === "non-saturating")!;
    expect(ns.params).toMatchObject({ properties: { labelSmoothing: { type: "number", default: 0 } } });
    expect(ns.params.required ?? []).toEqual([]); // input side: defaults are optional
    expect(registry.list().map((e) => `${e.kind}/${e.name}`)).toEqual(["loss/hinge", "loss/non-saturating", "method/alternating"]);
    expect(registry.list("loss").find((e) => e.name === "hinge")!.params).toEqual({ type: "object" });
  });
});
