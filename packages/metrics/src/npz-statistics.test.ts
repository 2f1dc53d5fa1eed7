import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gantryErrorOf } from "@gantry/testing";
import fc from "fast-check";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { decodeNpzStatistics, encodeNpzStatistics } from "./npz-statistics.js";
import { loadNpzStatistics, saveNpzStatistics } from "./npz-statistics-file.js";

const fixture = (name: string): string => join(import.meta.dirname, "fixtures", name);
const reference = JSON.parse(readFileSync(fixture("npz-reference.json"), "utf8")) as { dim: number; mu: number[]; sigma: number[] };

/** A hand-written .npy entry, for headers numpy would not write on its own. */
function npy(header: string, values: readonly number[]): Uint8Array {
  const text = header.padEnd(117, " ") + "\n"; // 10 + 118 bytes: data on a 64-byte boundary
  const out = new Uint8Array(128 + 8 * values.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, text.length, true);
  for (let i = 0; i < text.length; i++) out[10 + i] = text.charCodeAt(i);
  values.forEach((v, i) => new DataView(out.buffer).setFloat64(128 + 8 * i, v, true));
  return out;
}
const vector = (n: number) => npy(`{'descr': '<f8', 'fortran_order': False, 'shape': (${n},), }`, Array.from({ length: n }, (_, i) => i));
const matrix = (n: number, order = "False") => npy(`{'descr': '<f8', 'fortran_order': ${order}, 'shape': (${n}, ${n}), }`, Array.from({ length: n * n }, (_, i) => i));

describe("pytorch-fid .npz statistics", () => {
  // Exact equality: the file holds float64 and the reference is Python's round-tripping float repr.
  it.each(["stats-savez.npz", "stats-savez-compressed.npz"])("%s decodes to numpy's mean and covariance exactly", async (name) => {
    const s = await loadNpzStatistics(fixture(name));
    expect(s.dim).toBe(reference.dim);
    expect(Array.from(s.mean)).toEqual(reference.mu);
    expect(Array.from(s.cov)).toEqual(reference.sigma);
  });

  it("reads float32 arrays as their float64 values", async () => {
    const s = await loadNpzStatistics(fixture("stats-f32.npz"));
    expect(Array.from(s.mean)).toEqual(reference.mu.map((v) => Math.fround(v)));
    expect(Array.from(s.cov)).toEqual(reference.sigma.map((v) => Math.fround(v)));
  });

  it("round-trips what it writes, bit for bit, for any dimension and values", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 12 }).chain((d) => fc.tuple(
      fc.constant(d), fc.float64Array({ minLength: d, maxLength: d, noNaN: true }), fc.float64Array({ minLength: d * d, maxLength: d * d, noNaN: true }),
    )), ([dim, mean, cov]) => {
      const back = decodeNpzStatistics(encodeNpzStatistics({ dim, mean, cov }));
      expect(back.dim).toBe(dim);
      expect(Array.from(back.mean)).toEqual(Array.from(mean));
      expect(Array.from(back.cov)).toEqual(Array.from(cov));
    }), { numRuns: 50 });
  });

  it("writes a file numpy's layout reads back the same", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "gantry-npz-")), "sub", "ref.npz");
    const mean = Float64Array.from(reference.mu);
    const cov = Float64Array.from(reference.sigma);
    await saveNpzStatistics(path, { dim: 5, mean, cov });
    expect(Array.from((await loadNpzStatistics(path)).cov)).toEqual(reference.sigma);
  });

  it("rejects what is not pytorch-fid statistics, naming the file and the fix", () => {
    const notZip = gantryErrorOf(() => decodeNpzStatistics(new TextEncoder().encode("hello"), "a.npz"));
    expect(notZip.code).toBe("NPZ_NOT_A_ZIP");
    expect(notZip.where.file).toBe("a.npz");
    expect(notZip.hint).toMatch(/np\.savez/);
    const missing = gantryErrorOf(() => decodeNpzStatistics(zipSync({ "mu.npy": vector(3) }), "b.npz"));
    expect(missing).toMatchObject({ code: "NPZ_MISSING_ARRAY", where: { file: "b.npz" } });
    expect(missing.message).toMatch(/no array "sigma".*holds: mu/);
    const shapes = gantryErrorOf(() => decodeNpzStatistics(zipSync({ "mu.npy": vector(3), "sigma.npy": matrix(2) }), "c.npz"));
    expect(shapes).toMatchObject({ code: "NPZ_BAD_SHAPE", where: { file: "c.npz" } });
    // NPY-level problems in an entry are @gantry/core's decodeNpy errors, naming the entry.
    const fortran = gantryErrorOf(() => decodeNpzStatistics(zipSync({ "mu.npy": vector(2), "sigma.npy": matrix(2, "True") }), "d.npz"));
    expect(fortran).toMatchObject({ code: "DATA_UNSUPPORTED_LAYOUT", where: { file: "d.npz:sigma.npy" } });
    expect(fortran.hint).toMatch(/ascontiguousarray/);
    const int64 = npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", [0, 0]);
    expect(gantryErrorOf(() => decodeNpzStatistics(zipSync({ "mu.npy": int64, "sigma.npy": matrix(2) }), "e.npz")))
      .toMatchObject({ code: "DATA_UNSUPPORTED_DTYPE", where: { file: "e.npz:mu.npy" } });
    // An array NPY can hold but statistics cannot (integers) is the .npz reader's to refuse.
    const int32 = npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", [0, 0]);
    const dtype = gantryErrorOf(() => decodeNpzStatistics(zipSync({ "mu.npy": int32, "sigma.npy": matrix(2) }), "f.npz"));
    expect(dtype).toMatchObject({ code: "NPZ_BAD_DTYPE", where: { file: "f.npz:mu.npy" } });
    expect(dtype.hint).toMatch(/astype\(np\.float64\)/);
    const cut = vector(4).subarray(0, 140);
    expect(gantryErrorOf(() => decodeNpzStatistics(zipSync({ "mu.npy": cut, "sigma.npy": matrix(4) }), "g.npz")))
      .toMatchObject({ code: "DATA_TRUNCATED", where: { file: "g.npz:mu.npy" } });
  });

  it("a missing file is an error naming it", async () => {
    await expect(loadNpzStatistics("/nonexistent/ref.npz")).rejects.toMatchObject({ code: "NPZ_NOT_FOUND", where: { file: "/nonexistent/ref.npz" } });
  });
});
