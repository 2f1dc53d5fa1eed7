import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gemmNTAccumulate, transposeMatrix } from "./gemm.js";

describe("gemmNTAccumulate", () => {
  it("adds A·Bᵀ to C, equal to a float64 triple loop for any shape (tiles and remainders)", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 11 }), fc.integer(), (rows, cols, depth, seed) => {
      const rand = lcg(seed);
      const a = Float32Array.from({ length: rows * depth }, rand);
      const b = Float32Array.from({ length: cols * depth }, rand);
      const c = Float32Array.from({ length: rows * cols }, rand);
      const expected = Array.from(c, (v, idx) => {
        const i = Math.floor(idx / cols), j = idx % cols;
        let s = v;
        for (let m = 0; m < depth; m++) s += a[i * depth + m] * b[j * depth + m];
        return s;
      });
      gemmNTAccumulate(a, b, c, rows, cols, depth);
      // float64 accumulation, one float32 rounding of the sum and one of the addition to C.
      c.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    }));
  });

  it("transposes a row-major matrix, from an offset", () => {
    const a = Float32Array.from([9, 9, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(transposeMatrix(a, 2, 3, 2))).toEqual([1, 4, 2, 5, 3, 6]);
  });
});

/** Small deterministic generator in [-1, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  };
}
