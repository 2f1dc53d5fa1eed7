import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { isGantryError } from "@gantry/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeIdx, encodeIdx, type IdxArray } from "./idx.js";
import { readIdx } from "./idx-file.js";

const tmp = mkdtempSync(join(tmpdir(), "gantry-idx-"));

describe("IDX", () => {
  it("reads back uint8 images written plain and gzipped, byte for byte", () => {
    const data = Uint8Array.from({ length: 3 * 4 * 5 }, (_, i) => (i * 37) % 256);
    const bytes = encodeIdx({ dtype: "uint8", shape: [3, 4, 5], data });
    // The MNIST header, written out: magic 0x00000803, then the dims as big-endian uint32.
    expect(Array.from(bytes.subarray(0, 16))).toEqual([0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5]);
    writeFileSync(join(tmp, "a-idx3-ubyte"), bytes);
    writeFileSync(join(tmp, "a-idx3-ubyte.gz"), gzipSync(bytes));
    for (const f of ["a-idx3-ubyte", "a-idx3-ubyte.gz"]) {
      const a = readIdx(join(tmp, f));
      expect(a.dtype).toBe("uint8");
      expect(a.shape).toEqual([3, 4, 5]);
      expect(a.data).toEqual(data);
    }
  });

  it("round-trips every element type (property)", () => {
    const arb = fc.tuple(fc.constantFrom("int8", "int16", "int32", "float32", "float64" as const), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }))
      .map(([dtype, shape]): IdxArray => {
        const n = shape.reduce((a, b) => a * b, 1);
        const make = { int8: Int8Array, int16: Int16Array, int32: Int32Array, float32: Float32Array, float64: Float64Array }[dtype];
        const data = new (make as new (n: number) => IdxArray["data"])(n);
        for (let i = 0; i < n; i++) data[i] = (i % 2 ? -1 : 1) * (i * 7.5 + 1);
        return { dtype, shape, data };
      });
    fc.assert(fc.property(arb, (a) => {
      const b = decodeIdx(encodeIdx(a));
      expect(b.dtype).toBe(a.dtype);
      expect(b.shape).toEqual(a.shape);
      expect(Array.from(b.data)).toEqual(Array.from(a.data));
    }));
  });

  it("rejects any corrupted header with a GantryError naming the file (property)", () => {
    const good = encodeIdx({ dtype: "uint8", shape: [2, 3, 3], data: new Uint8Array(18) });
    const corruption = fc.oneof(
      fc.record({ at: fc.integer({ min: 0, max: 15 }), value: fc.integer({ min: 0, max: 255 }) }).map(({ at, value }) => (b: Uint8Array) => {
        const c = Uint8Array.from(b);
        c[at] = value;
        return c;
      }),
      fc.integer({ min: 0, max: good.length - 1 }).map((len) => (b: Uint8Array) => b.slice(0, len)),
      fc.uint8Array({ minLength: 1, maxLength: 8 }).map((extra) => (b: Uint8Array) => Uint8Array.from([...b, ...extra])),
    );
    fc.assert(fc.property(corruption, (corrupt) => {
      const bad = corrupt(good);
      let result: IdxArray | undefined;
      try {
        result = decodeIdx(bad, "bad-idx3-ubyte");
      } catch (e) {
        expect(isGantryError(e)).toBe(true);
        expect((e as { where: { file: string } }).where.file).toBe("bad-idx3-ubyte");
        expect((e as Error).message).toMatch(/IDX/);
        return;
      }
      // A change that still describes a consistent file (e.g. a different pixel) must decode consistently.
      expect(result.data.length).toBe(result.shape.reduce((a, b) => a * b, 1));
      expect(bad.length).toBe(4 + 4 * result.shape.length + result.data.length * result.data.BYTES_PER_ELEMENT);
    }), { numRuns: 300 });
  });

  it("names the expected magic and the file for a non-IDX or truncated gzip file", () => {
    writeFileSync(join(tmp, "not-idx.gz"), gzipSync(Buffer.from("hello world")));
    expect(() => readIdx(join(tmp, "not-idx.gz"))).toThrow(/not-idx\.gz: IDX magic 0x0000TTNN expected/);
    writeFileSync(join(tmp, "cut.gz"), gzipSync(encodeIdx({ dtype: "uint8", shape: [100], data: new Uint8Array(100) })).subarray(0, 20));
    expect(() => readIdx(join(tmp, "cut.gz"))).toThrow(expect.objectContaining({ code: "DATA_BAD_GZIP" }));
    expect(() => readIdx(join(tmp, "missing"))).toThrow(expect.objectContaining({ code: "DATA_NOT_FOUND" }));
  });
});
