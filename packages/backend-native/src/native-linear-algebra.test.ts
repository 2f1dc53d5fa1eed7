// The LAPACK/BLAS LinearAlgebra against @gantry/metrics' JavaScript one (ml-matrix) and closed forms:
// eigenvalues to 1e-10 relative to the spectrum's scale, eigenvectors up to sign, products to 1e-12; and
// FID through each to 1e-6 relative (the bound) on a rank-deficient d = 64 pair.
import { describe, expect, it } from "vitest";
import { frechetDistance, jsLinearAlgebra } from "@gantry/metrics";
import { nativeLinearAlgebra } from "./native-linear-algebra.js";
import { builtAddon, nativeAvailable } from "./native-availability.test-support.js";

/** A deterministic symmetric n × n matrix BᵀB/k of rank ≤ k (xorshift32 entries). */
function gram(n: number, k: number, seed: number): Float64Array {
  let s = seed >>> 0 || 1;
  const next = (): number => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 2 ** 32 - 0.5;
  };
  const b = Array.from({ length: k * n }, next);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let t = 0;
    for (let r = 0; r < k; r++) t += b[r * n + i] * b[r * n + j];
    a[i * n + j] = t / k;
  }
  return a;
}

describe("nativeLinearAlgebra", () => {
  it("is undefined where the addon is not built", () => {
    expect(nativeLinearAlgebra(() => ({ ok: false, code: "BACKEND_NOT_INSTALLED", reason: "not built" }))).toBeUndefined();
  });

  describe.runIf(nativeAvailable)("with the addon", () => {
    const la = nativeLinearAlgebra()!;

    it("hands out zeroed, independent Float64Arrays of the addon's memory (huge-page backed at FID sizes)", () => {
      const { float64Buffer } = builtAddon();
      for (const n of [0, 1, 7, 2048 * 2048]) {
        const a = float64Buffer(n), b = float64Buffer(n);
        expect(a).toBeInstanceOf(Float64Array);
        expect(a.length).toBe(n);
        expect(a.every((v) => v === 0)).toBe(true);
        if (n > 0) {
          a.fill(3);
          expect(b[n - 1]).toBe(0);
        }
      }
      expect(() => float64Buffer(-1)).toThrow(/n must be ≥ 0/);
    });

    it("diagonalises a diagonal matrix exactly, eigenvalues ascending", () => {
      const e = la.symmetricEigen(Float64Array.of(3, 0, 0, 0, 1, 0, 0, 0, 2), 3);
      expect(Array.from(e.values)).toEqual([1, 2, 3]);
      expect(Array.from(e.vectors).map(Math.abs)).toEqual([0, 1, 0, 0, 0, 1, 1, 0, 0]);
    });

    for (const [n, k] of [[40, 40], [64, 20], [200, 60]]) {
      it(`agrees with ml-matrix on a ${n} × ${n} matrix of rank ${Math.min(n, k)}: A·v = λ·v, same spectrum`, () => {
        const a = gram(n, k, n + k);
        const input = Float64Array.from(a);
        const ours = la.symmetricEigen(a, n);
        const valuesOnly = la.symmetricEigenvalues(a, n); // LAPACK's jobz 'N' path
        expect(a).toEqual(input); // left unchanged
        const js = jsLinearAlgebra.symmetricEigen(a, n);
        const scale = Math.max(...ours.values.map(Math.abs));
        for (let i = 0; i < n; i++) expect(Math.abs(ours.values[i] - js.values[i]) / scale).toBeLessThan(1e-10);
        for (let i = 0; i < n; i++) expect(Math.abs(valuesOnly[i] - js.values[i]) / scale).toBeLessThan(1e-10);
        // residual ‖A v − λ v‖ for every eigenpair
        const av = la.matMul(a, ours.vectors, n, n, n, false, true); // column i = A·(row i of vectors)
        let worst = 0;
        for (let i = 0; i < n; i++) for (let r = 0; r < n; r++) worst = Math.max(worst, Math.abs(av[r * n + i] - ours.values[i] * ours.vectors[i * n + r]));
        expect(worst / scale).toBeLessThan(1e-10);
      });
    }

    it("multiplies with each transpose combination as the JavaScript one does", () => {
      const a = gram(7, 3, 1).subarray(0, 35), b = gram(7, 3, 2).subarray(0, 35); // 5 × 7 and 7 × 5 views
      for (const [ta, tb, m, k, n] of [[false, false, 5, 7, 5], [true, false, 7, 5, 7], [false, true, 5, 7, 5], [true, true, 7, 5, 7]] as const) {
        const want = jsLinearAlgebra.matMul(a, b, m, k, n, ta, tb);
        const got = la.matMul(a, b, m, k, n, ta, tb);
        for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-12);
      }
    });

    it("gives the same FID as the JavaScript route on rank-deficient covariances (d = 64, ranks 20 and 30)", () => {
      const side = (k: number, seed: number) => ({ n: k + 1, dim: 64, mean: new Float64Array(64).fill(seed / 10), cov: gram(64, k, seed) });
      const [x, y] = [side(20, 3), side(30, 4)];
      const js = frechetDistance(x, y);
      const native = frechetDistance(x, y, { linearAlgebra: la });
      expect(Math.abs(native.fid - js.fid) / js.fid).toBeLessThan(1e-6);
      expect(native.epsilon).toBe(0);
    });
  });
});
