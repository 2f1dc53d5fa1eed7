import { Rng } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { indexCursor, resolveStreamOptions, type IndexCursor } from "./index-cursor.js";

const cursor = (size: number, opts: Parameters<typeof resolveStreamOptions>[0]) => indexCursor(size, resolveStreamOptions(opts, 4, size));
const take = (c: IndexCursor, n: number): number[][] => Array.from({ length: n }, () => Array.from(c.next() ?? []));

describe("index cursor", () => {
  it("visits every sample once per epoch, in a new seeded order each epoch", () => {
    const c = cursor(12, { batchSize: 4, seed: 3 });
    const e0 = take(c, 3).flat();
    const e1 = take(c, 3).flat();
    expect([...e0].sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    expect([...e1].sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    expect(e1).not.toEqual(e0);
    expect(c.position().epoch).toBe(1);
    // The epoch-0 order is exactly a Fisher–Yates shuffle driven by Rng.seeded(3).
    expect(e0).toEqual(Rng.seeded(3).shuffle([...Array(12).keys()]));
  });

  it("drops or keeps the last incomplete batch, and stops without repeat", () => {
    const dropped = cursor(10, { batchSize: 4, repeat: false });
    expect(take(dropped, 3).map((b) => b.length)).toEqual([4, 4, 0]);
    const kept = cursor(10, { batchSize: 4, repeat: false, dropLast: false });
    expect(take(kept, 4).map((b) => b.length)).toEqual([4, 4, 2, 0]);
    expect(new Set(take(cursor(10, { batchSize: 4, repeat: false, dropLast: false }), 3).flat()).size).toBe(10);
    const cycling = cursor(10, { batchSize: 4, dropLast: false });
    expect(take(cycling, 4).map((b) => b.length)).toEqual([4, 4, 2, 4]);
  });

  it("restores a saved position mid-epoch and across epochs", () => {
    for (const saveAfter of [1, 2, 3, 7]) {
      const a = cursor(10, { batchSize: 3, seed: 9 });
      take(a, saveAfter);
      const pos = JSON.parse(JSON.stringify(a.position()));
      const rest = take(a, 6);
      const b = cursor(10, { batchSize: 3, seed: 9, position: pos });
      expect(take(b, 6)).toEqual(rest);
    }
  });

  it("draws in proportion to the weights, never a zero-weight sample, and restores its position", () => {
    const weights = [0, 1, 2, 0, 7];
    const c = cursor(5, { batchSize: 5, seed: 1, weights });
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 4000; i++) for (const j of c.next() ?? []) counts[j]++;
    // 20 000 draws: binomial sd ≤ √(20000·0.25) ≈ 71, so ±4 sd ≈ ±300 on counts of 2000…14000.
    expect(counts[0]).toBe(0);
    expect(counts[3]).toBe(0);
    [1, 2, 7].forEach((w, k) => expect(Math.abs(counts[[1, 2, 4][k]] - (20000 * w) / 10)).toBeLessThan(300));
    const pos = c.position();
    const rest = take(c, 3);
    expect(take(cursor(5, { batchSize: 5, seed: 1, weights, position: pos }), 3)).toEqual(rest);
  });

  it("reads in index order when sequential, every epoch the same, and restores its position", () => {
    const c = cursor(7, { batchSize: 3, dropLast: false, order: "sequential", seed: 5 });
    expect(take(c, 4)).toEqual([[0, 1, 2], [3, 4, 5], [6], [0, 1, 2]]);
    const once = cursor(7, { batchSize: 3, dropLast: false, repeat: false, order: "sequential" });
    expect(take(once, 4)).toEqual([[0, 1, 2], [3, 4, 5], [6], []]);
    const pos = c.position();
    const rest = take(c, 3);
    expect(take(cursor(7, { batchSize: 3, dropLast: false, order: "sequential", seed: 5, position: pos }), 3)).toEqual(rest);
  });

  it("rejects bad options with GantryErrors", () => {
    expect(() => cursor(5, { order: "sequential", weights: [1, 1, 1, 1, 1] })).toThrow(expect.objectContaining({ code: "DATA_BAD_OPTIONS" }));
    expect(() => cursor(5, { order: "random" as "shuffled" })).toThrow(expect.objectContaining({ code: "DATA_BAD_OPTIONS" }));
    expect(() => cursor(5, { batchSize: 0 })).toThrow(expect.objectContaining({ code: "DATA_BAD_OPTIONS" }));
    expect(() => cursor(5, { batchSize: 6 })).toThrow(expect.objectContaining({ code: "DATA_BAD_OPTIONS" }));
    expect(() => cursor(5, { weights: [1, 1] })).toThrow(expect.objectContaining({ code: "DATA_BAD_WEIGHTS" }));
    expect(() => cursor(3, { batchSize: 1, weights: [1, -1, 1] })).toThrow(expect.objectContaining({ code: "DATA_BAD_WEIGHTS" }));
    expect(() => cursor(3, { batchSize: 1, weights: [0, 0, 0] })).toThrow(expect.objectContaining({ code: "DATA_BAD_WEIGHTS" }));
    expect(() => cursor(3, { batchSize: 1, position: { epoch: 0, index: 9, rng: Rng.seeded(1).state() } })).toThrow(expect.objectContaining({ code: "DATA_BAD_POSITION" }));
  });
});
