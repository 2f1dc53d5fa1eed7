// GantryError: the message carries location and hint; code/where/hint are data for the CLI and tests.
import { describe, expect, it } from "vitest";
import { aggregateErrors, formatLocation, GantryError, isGantryError } from "./index.js";

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

describe("aggregateErrors", () => {
  const at = (code: string, line: number | undefined, field: string) => new GantryError(code, `bad ${field}`, { where: { file: "s.yaml", line, field }, hint: `fix ${field}` });

  it("reports every issue sorted by line, the first leading, each once", () => {
    const e = aggregateErrors([at("B", 9, "b"), at("C", undefined, "c"), at("A", 2, "a"), at("B", 9, "b")]);
    expect(e.code).toBe("A");
    expect(e.where).toEqual({ file: "s.yaml", line: 2, field: "a" });
    expect(e.hint).toBe("fix a");
    expect(e.issues.map((i) => i.code)).toEqual(["A", "B", "C"]);
    expect(e.issues[1]).toEqual({ code: "B", message: "bad b", where: { file: "s.yaml", line: 9, field: "b" }, hint: "fix b" });
    expect(e.message).toBe("s.yaml:2: a: bad a\n  hint: fix a\ns.yaml:9: b: bad b\n  hint: fix b\ns.yaml: c: bad c\n  hint: fix c");
  });

  it("returns a single error as it is, and a plain error has itself as its one issue", () => {
    const e = at("A", 1, "a");
    expect(aggregateErrors([e])).toBe(e);
    expect(e.issues).toEqual([{ code: "A", message: "bad a", where: { file: "s.yaml", line: 1, field: "a" }, hint: "fix a" }]);
    expect(() => aggregateErrors([])).toThrow(RangeError);
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
