// did-you-mean: Levenshtein distance and the plausible-typo rule.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { didYouMean, levenshtein } from "./index.js";

describe("levenshtein", () => {
  it("matches known distances", () => {
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("", "abc")).toBe(3);
    expect(levenshtein("abc", "")).toBe(3);
    expect(levenshtein("loss", "loss")).toBe(0);
    expect(levenshtein("los", "loss")).toBe(1);
  });

  it("is a metric (symmetric, zero only on equal strings, triangle inequality)", () => {
    fc.assert(fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b, c) => {
      expect(levenshtein(a, b)).toBe(levenshtein(b, a));
      expect(levenshtein(a, b) === 0).toBe(a === b);
      expect(levenshtein(a, c)).toBeLessThanOrEqual(levenshtein(a, b) + levenshtein(b, c));
      expect(levenshtein(a, b)).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
    }));
  });
});

describe("didYouMean", () => {
  const names = ["non-saturating", "minimax", "wasserstein", "hinge", "least-squares"];
  it("suggests the nearest name for a typo, case-insensitively", () => {
    expect(didYouMean("non-saturatng", names)).toBe("non-saturating");
    expect(didYouMean("Hinge", names)).toBe("hinge");
    expect(didYouMean("wassertein", names)).toBe("wasserstein");
    expect(didYouMean("los", ["loss", "data"])).toBe("loss");
  });

  it("suggests nothing for unrelated names or complete rewrites", () => {
    expect(didYouMean("progressive", names)).toBeUndefined();
    expect(didYouMean("ab", ["cd"])).toBeUndefined();
    expect(didYouMean("x", ["y"])).toBeUndefined();
    expect(didYouMean("anything", [])).toBeUndefined();
  });
});
