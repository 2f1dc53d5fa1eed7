// GantryError: the message carries location and hint; code/where/hint are data for the CLI and tests.
import { describe, expect, it } from "vitest";
import { formatLocation, GantryError, isGantryError } from "./index.js";

describe("GantryError", () => {
  it("formats location, message and hint, and keeps them as data", () => {
    const cause = new Error("deep");
    const e = new GantryError("SPEC_UNKNOWN_NODE", 'no node "los"; did you mean "loss"?', {
      where: { file: "spec.yaml", line: 12, node: "train", field: "with.loss" }, hint: "rename the reference", cause,
    });
    expect(e.message).toBe('spec.yaml:12: train.with.loss: no node "los"; did you mean "loss"?\n  hint: rename the reference');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("GantryError");
    expect(e.code).toBe("SPEC_UNKNOWN_NODE");
    expect(e.where.node).toBe("train");
    expect(e.hint).toBe("rename the reference");
    expect(e.cause).toBe(cause);
    expect(String(e)).toMatch(/^GantryError: spec\.yaml:12/);
  });

  it("works without location or hint", () => {
    const e = new GantryError("X", "plain");
    expect(e.message).toBe("plain");
    expect(e.where).toEqual({});
    expect(e.hint).toBeUndefined();
  });

  it("isGantryError matches the class and, optionally, the code", () => {
    const e = new GantryError("A", "m");
    expect(isGantryError(e)).toBe(true);
    expect(isGantryError(e, "A")).toBe(true);
    expect(isGantryError(e, "B")).toBe(false);
    expect(isGantryError(new Error("m"))).toBe(false);
    expect(isGantryError({ code: "A", message: "m" })).toBe(false);
  });
});

describe("formatLocation", () => {
  it("joins whatever parts are known", () => {
    expect(formatLocation({})).toBe("");
    expect(formatLocation({ file: "a.yaml" })).toBe("a.yaml");
    expect(formatLocation({ node: "d", field: "params.lr" })).toBe("d.params.lr");
    expect(formatLocation({ field: "params.lr" })).toBe("params.lr");
    expect(formatLocation({ file: "a.yaml", node: "d", step: 40 })).toBe("a.yaml: d (step 40)");
    expect(formatLocation({ step: 0 })).toBe("(step 0)");
    expect(formatLocation({ line: 3 })).toBe("");
  });
});
