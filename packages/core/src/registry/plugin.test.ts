// definePlugin and ports: malformed plugins are rejected with PLUGIN_INVALID; good ones are frozen.
import { describe, expect, it } from "vitest";
import { definePlugin, entry, isGantryError, parsePort, type AdversarialLoss, type Plugin } from "../index.js";

const ok = (): AdversarialLoss => ({ output: "critic", discriminator: () => { throw new Error("unused"); }, generator: () => { throw new Error("unused"); } });

function invalid(p: unknown): string {
  try { definePlugin(p as Plugin); } catch (e) {
    expect(isGantryError(e, "PLUGIN_INVALID")).toBe(true);
    return (e as Error).message;
  }
  throw new Error("expected PLUGIN_INVALID");
}

describe("definePlugin", () => {
  it("freezes the plugin, its list and its entries", () => {
    const p = definePlugin({ name: "p", version: "1.0.0", provides: [entry({ kind: "loss", name: "a", inputs: { x: "loss?" }, create: ok })] });
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.provides)).toBe(true);
    expect(Object.isFrozen(p.provides[0])).toBe(true);
    expect(Object.isFrozen(p.provides[0].inputs)).toBe(true);
  });

  it("rejects malformed plugins, saying what is wrong", () => {
    expect(invalid(null)).toMatch(/missing name/);
    expect(invalid({ version: "1.0.0", provides: [] })).toMatch(/missing name/);
    expect(invalid({ name: "p", version: "latest", provides: [] })).toMatch(/version must be semver/);
    expect(invalid({ name: "p", version: "1.0.0" })).toMatch(/provides must be an array/);
    expect(invalid({ name: "p", version: "1.0.0", provides: [null] })).toMatch(/bad kind/);
    expect(invalid({ name: "p", version: "1.0.0", provides: [{ kind: "loss", name: "has space", create: ok }] })).toMatch(/bad name "has space"/);
    expect(invalid({ name: "p", version: "1.0.0", provides: [{ kind: "loss", name: "a" }] })).toMatch(/loss\/a has no create function/);
    expect(invalid({ name: "p", version: "1.0.0", provides: [{ kind: "loss", name: "a", create: ok }, { kind: "loss", name: "a", create: ok }] })).toMatch(/provided twice/);
    expect(invalid({ name: "p", version: "1.0.0", provides: [{ kind: "loss", name: "a", inputs: { x: ["a", "b"] }, create: ok }] })).toMatch(/port "x"/);
    expect(invalid({ name: "p", version: "1.0.0", provides: [{ kind: "loss", name: "a", params: { lr: 1 }, create: ok }] })).toMatch(/params must be a zod schema/);
  });
});

describe("parsePort", () => {
  it("reads kind, kind? and [kind]", () => {
    expect(parsePort("dataset")).toEqual({ kind: "dataset", optional: false, list: false });
    expect(parsePort("lookahead?")).toEqual({ kind: "lookahead", optional: true, list: false });
    expect(parsePort(["regularizer"])).toEqual({ kind: "regularizer", optional: true, list: true });
  });
});
