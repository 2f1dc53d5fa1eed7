// NPY bytes: round trips and truncations (property-based), each kind of bad header, big-endian data,
// and interop with numpy itself (numpy loads what we encode; we decode what numpy.save wrote).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hasPythonModules } from "@gantry/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isGantryError } from "./errors.js";
import { decodeNpy, encodeNpy, type NpyArray, type NpyDtype } from "./npy.js";

const arrayArb: fc.Arbitrary<NpyArray> = fc
  .tuple(fc.constantFrom<NpyDtype>("float32", "float64", "uint8", "int32"), fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }))
  .chain(([dtype, shape]) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const values = {
      float32: fc.float({ noNaN: false }),
      float64: fc.double(),
      uint8: fc.integer({ min: 0, max: 255 }),
      int32: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    }[dtype];
    const make = { float32: Float32Array, float64: Float64Array, uint8: Uint8Array, int32: Int32Array }[dtype];
    return fc.array(values, { minLength: n, maxLength: n }).map((v) => ({ dtype, shape, data: make.from(v) }) as NpyArray);
  });

function expectSame(a: NpyArray, b: NpyArray): void {
  expect(b.dtype).toBe(a.dtype);
  expect(b.shape).toEqual(a.shape);
  // Compare the bytes: NaN payloads and −0 must survive too.
  expect(new Uint8Array(b.data.buffer, b.data.byteOffset, b.data.byteLength)).toEqual(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength));
}

function patch(bytes: Uint8Array, from: string, to: string): void {
  const text = new TextDecoder("latin1").decode(bytes);
  const at = text.indexOf(from);
  bytes.set(new TextEncoder().encode(to), at);
}

/** Python's float.hex() → number (exact). */
function parseHexFloat(s: string): number {
  const m = /^(-?)0x([01])\.([0-9a-f]+)p([+-]\d+)$/.exec(s);
  if (!m) return Number(s);
  const mant = Number.parseInt(m[2], 16) + Number.parseInt(m[3], 16) / 16 ** m[3].length;
  const v = mant * 2 ** Number.parseInt(m[4], 10);
  return m[1] === "-" ? -v : v;
}

describe("NPY bytes", () => {
  it("round-trips any supported array, version 1.0 and 2.0 (property)", () => {
    fc.assert(fc.property(arrayArb, fc.constantFrom<1 | 2>(1, 2), (a, version) => {
      const bytes = encodeNpy(a, { version });
      expect(bytes[6]).toBe(version);
      // numpy's layout: the data starts on a 64-byte boundary, the header ends with "\n".
      const start = bytes.length - a.data.byteLength;
      expect(start % 64).toBe(0);
      expect(bytes[start - 1]).toBe(0x0a);
      expectSame(a, decodeNpy(bytes));
    }), { numRuns: 200 });
  });

  it("rejects any truncation of a valid file, naming the file (property)", () => {
    fc.assert(fc.property(arrayArb.filter((a) => a.data.length > 0), fc.double({ min: 0, max: 1, maxExcluded: true }), (a, frac) => {
      const bytes = encodeNpy(a);
      const cut = bytes.subarray(0, Math.floor(frac * bytes.length));
      try {
        decodeNpy(cut, "cut.npy");
        return false;
      } catch (e) {
        return isGantryError(e) && e.where.file === "cut.npy" && ["DATA_TRUNCATED", "DATA_BAD_MAGIC", "DATA_BAD_HEADER"].includes(e.code);
      }
    }), { numRuns: 200 });
  });

  it("reads big-endian data", () => {
    const be = encodeNpy({ dtype: "int32", shape: [2], data: Int32Array.from([1, -2]) });
    patch(be, "<i4", ">i4");
    be.set([0, 0, 0, 1, 0xff, 0xff, 0xff, 0xfe], be.length - 8);
    expect(Array.from(decodeNpy(be).data)).toEqual([1, -2]);
  });

  it.each([
    ["bad magic", (b: Uint8Array) => { b[1] = 0; }, "DATA_BAD_MAGIC"],
    ["unsupported dtype", (b: Uint8Array) => patch(b, "<f4", "<i8"), "DATA_UNSUPPORTED_DTYPE"],
    ["fortran order", (b: Uint8Array) => patch(b, "False", "True "), "DATA_UNSUPPORTED_LAYOUT"],
    ["unknown version", (b: Uint8Array) => { b[6] = 9; }, "DATA_BAD_HEADER"],
    ["a header without a shape", (b: Uint8Array) => patch(b, "'shape'", "'shap' "), "DATA_BAD_HEADER"],
  ])("rejects %s with a GantryError naming the file and the fix", (_name, corrupt, code) => {
    const b = encodeNpy({ dtype: "float32", shape: [2, 2], data: new Float32Array(4) });
    corrupt(b);
    expect(() => decodeNpy(b, "bad.npy")).toThrow(expect.objectContaining({
      code, where: expect.objectContaining({ file: "bad.npy" }), hint: expect.any(String),
    }));
  });

  it("refuses to encode data that does not match its shape or dtype", () => {
    expect(() => encodeNpy({ dtype: "float32", shape: [3], data: new Float32Array(2) })).toThrow(expect.objectContaining({ code: "DATA_BAD_SHAPE" }));
    expect(() => encodeNpy({ dtype: "float32", shape: [2], data: new Float64Array(2) } as unknown as NpyArray)).toThrow(expect.objectContaining({ code: "DATA_UNSUPPORTED_DTYPE" }));
  });

  it.skipIf(!hasPythonModules("numpy"))("encodes bytes numpy loads with the same values, and decodes numpy.save's", () => {
    const tmp = mkdtempSync(join(tmpdir(), "gantry-npy-"));
    const arrays: NpyArray[] = [
      { dtype: "float32", shape: [2, 3], data: Float32Array.from([0.5, -1.25, 3e-8, 1e20, -0, 7]) },
      { dtype: "float64", shape: [4], data: Float64Array.from([Math.PI, -Math.E, 1e-300, 2 ** 60]) },
      { dtype: "uint8", shape: [2, 1, 2], data: Uint8Array.from([0, 255, 17, 128]) },
      { dtype: "int32", shape: [], data: Int32Array.from([-123456789]) },
    ];
    arrays.forEach((a, i) => writeFileSync(join(tmp, `w${i}.npy`), encodeNpy(a)));
    const script = [
      "import json, sys, numpy as np",
      "out = []",
      "for i in range(4):",
      "    a = np.load(sys.argv[1] + f'/w{i}.npy')",
      "    out.append({'dtype': str(a.dtype), 'shape': list(a.shape), 'values': [float(v).hex() for v in a.ravel()]})",
      "np.save(sys.argv[1] + '/from-numpy.npy', np.arange(6, dtype='<f8').reshape(2, 3) / 3)",
      "np.save(sys.argv[1] + '/from-numpy-be.npy', np.arange(3, dtype='>f4') / 4)",
      "print(json.dumps(out))",
    ].join("\n");
    const got = JSON.parse(execFileSync("python3", ["-c", script, tmp], { encoding: "utf8" })) as { dtype: string; shape: number[]; values: string[] }[];
    arrays.forEach((a, i) => {
      expect(got[i].dtype).toBe(a.dtype);
      expect(got[i].shape).toEqual(a.shape);
      expect(got[i].values.map(parseHexFloat)).toEqual(Array.from(a.data));
    });
    const back = decodeNpy(readFileSync(join(tmp, "from-numpy.npy")));
    expect(back.shape).toEqual([2, 3]);
    expect(Array.from(back.data)).toEqual([0, 1, 2, 3, 4, 5].map((v) => v / 3));
    const be = decodeNpy(readFileSync(join(tmp, "from-numpy-be.npy")));
    expect(be.dtype).toBe("float32");
    expect(Array.from(be.data)).toEqual([0, 0.25, 0.5]);
    expect(readFileSync(join(tmp, "w0.npy")).length % 64).toBe(24); // 64-byte header + 6 × 4 bytes
  });
});
