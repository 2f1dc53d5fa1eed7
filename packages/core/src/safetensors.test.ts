// safetensors: round trips (property-based), every kind of corrupt input, params ↔ raw on each
// backend, and interop with an independent reader/writer: ~15 lines of numpy written to the
// published format (no safetensors Python package exists here).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeBackends, expectNoTensorLeak, hasPythonModules } from "@gantry/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeSafetensors, disposeParams, encodeSafetensors, isGantryError, paramsToRaw, rawToParams, tf,
  type RawTensor, type SafetensorsDType,
} from "./index.js";

const bytesOf = (d: RawTensor["data"]): number[] => Array.from(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));

const shapeArb = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 });
const tensorArb: fc.Arbitrary<RawTensor> = fc.tuple(fc.constantFrom<SafetensorsDType>("F32", "F64", "I32", "U8"), shapeArb).chain(([dtype, shape]) => {
  const n = shape.reduce((a, b) => a * b, 1);
  const len = { minLength: n, maxLength: n };
  const data: fc.Arbitrary<RawTensor["data"]> =
    dtype === "F32" ? fc.float32Array(len) : dtype === "F64" ? fc.float64Array(len) : dtype === "I32" ? fc.int32Array(len) : fc.uint8Array(len);
  return data.map((d) => ({ dtype, shape, data: d }));
});
const nameArb = fc.string({ minLength: 1, maxLength: 12, unit: "grapheme" }).filter((s) => s !== "__metadata__");

describe("safetensors round trip", () => {
  it("decode(encode(x)) gives back every tensor bit for bit, and the metadata", () => {
    fc.assert(fc.property(
      fc.dictionary(nameArb, tensorArb, { maxKeys: 5 }),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
      (tensors, metadata) => {
        const bytes = encodeSafetensors(tensors, metadata);
        const header = Number(new DataView(bytes.buffer).getBigUint64(0, true));
        expect(header % 8).toBe(0);
        const out = decodeSafetensors(bytes, "prop.safetensors");
        expect(Object.keys(out.tensors).sort()).toEqual(Object.keys(tensors).sort());
        for (const [name, t] of Object.entries(tensors)) {
          const got = out.tensors[name];
          expect(got.dtype).toBe(t.dtype);
          expect(got.shape).toEqual(t.shape);
          expect(got.data.constructor).toBe(t.data.constructor);
          expect(bytesOf(got.data)).toEqual(bytesOf(t.data)); // NaN payloads and −0 included
        }
        expect(out.metadata).toEqual({ ...metadata });
      },
    ), { numRuns: 150 });
  });

  it("reads tensors at unaligned offsets and from a subarray", () => {
    const tensors: Record<string, RawTensor> = {
      a: { dtype: "U8", shape: [3], data: new Uint8Array([1, 2, 3]) },
      b: { dtype: "F64", shape: [2], data: new Float64Array([Math.PI, -0]) },
    };
    const bytes = encodeSafetensors(tensors);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const out = decodeSafetensors(shifted.subarray(1));
    expect(Array.from(out.tensors.b.data)).toEqual([Math.PI, -0]);
  });
});

/** A valid file whose header is replaced by `header` (data bytes kept). */
function withHeader(header: unknown, dataBytes = 16): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

describe("safetensors corrupt input", () => {
  const good = encodeSafetensors({ w: { dtype: "F32", shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) } });
  const fails = (bytes: Uint8Array, pattern: RegExp, code = "SAFETENSORS_CORRUPT"): void => {
    let err: unknown;
    try { decodeSafetensors(bytes, "ckpt/params.safetensors"); } catch (e) { err = e; }
    expect(isGantryError(err, code), String(err)).toBe(true);
    expect((err as Error).message).toMatch(/^ckpt\/params\.safetensors: /);
    expect((err as Error).message).toMatch(pattern);
  };

  it("names the file and the problem", () => {
    fails(good.subarray(0, 5), /shorter than the 8-byte header length/);
    fails(good.subarray(0, good.length - 20), /exceeds|lie outside/);
    fails(good.subarray(0, good.length - 1), /lie outside the 15 data bytes/);
    const huge = good.slice();
    new DataView(huge.buffer).setBigUint64(0, 2n ** 60n, true);
    fails(huge, /header length \d+ exceeds/);
    const garbage = good.slice();
    garbage[9] = 0xff;
    fails(garbage, /header is not JSON/);
    fails(withHeader([1, 2]), /not a JSON object/);
    fails(withHeader({ w: { dtype: "BF16", shape: [2], data_offsets: [0, 4] } }), /dtype "BF16"/, "SAFETENSORS_UNSUPPORTED_DTYPE");
    fails(withHeader({ w: { dtype: "F32", shape: [2], data_offsets: [0, 40] } }), /outside the 16 data bytes/);
    fails(withHeader({ w: { dtype: "F32", shape: [2], data_offsets: [8, 4] } }), /outside/);
    fails(withHeader({ w: { dtype: "F32", shape: [3], data_offsets: [0, 8] } }), /needs 12 bytes, data_offsets give 8/);
    fails(withHeader({ w: { dtype: "F32", shape: [-1], data_offsets: [0, 4] } }), /bad shape/);
    fails(withHeader({ w: { dtype: "F32", shape: [1], data_offsets: [0] } }), /bad data_offsets/);
    fails(withHeader({ a: { dtype: "F32", shape: [2], data_offsets: [0, 8] }, b: { dtype: "F32", shape: [2], data_offsets: [4, 12] } }), /"a" and "b" overlap/);
    fails(withHeader({ __metadata__: { step: 3 } }), /__metadata__\.step is not a string/);
  });

  it("refuses to write what it could not read back", () => {
    const bad = (t: unknown): unknown => { try { encodeSafetensors({ x: t as RawTensor }); } catch (e) { return e; } };
    expect(String(bad({ dtype: "F32", shape: [3], data: new Float32Array(2) }))).toMatch(/holds 3 values, data has 2/);
    expect(String(bad({ dtype: "F32", shape: [2], data: new Float64Array(2) }))).toMatch(/must be a Float32Array/);
    expect(String(bad({ dtype: "F16", shape: [2], data: new Float32Array(2) }))).toMatch(/unsupported dtype/);
    expect(() => encodeSafetensors({ __metadata__: { dtype: "U8", shape: [], data: new Uint8Array(1) } })).toThrow(/reserved/);
  });
});

describeBackends("params ↔ safetensors", () => {
  it("round-trips float32 and int32 params, leaving no tensor behind", async () => {
    await expectNoTensorLeak(async () => {
      const p = { "g/conv1/kernel": tf.tensor([[0.1, -2], [3.5, 1e-30]]), "opt/count": tf.scalar(7), idx: tf.tensor1d([3, -1], "int32") };
      const raw = await paramsToRaw(p);
      expect(raw["opt/count"]).toEqual({ dtype: "F32", shape: [], data: new Float32Array([7]) });
      expect(raw.idx.dtype).toBe("I32");
      const back = rawToParams(decodeSafetensors(encodeSafetensors(raw)).tensors);
      for (const name of Object.keys(p)) {
        expect(back[name].dtype).toBe(p[name as keyof typeof p].dtype);
        expect(back[name].shape).toEqual(p[name as keyof typeof p].shape);
        expect(Array.from(back[name].dataSync())).toEqual(Array.from(p[name as keyof typeof p].dataSync()));
      }
      disposeParams(p, back);
    });
  });

  it("reads F64 as float32 and U8 as int32", () => {
    const back = rawToParams({ d: { dtype: "F64", shape: [1], data: new Float64Array([0.1]) }, u: { dtype: "U8", shape: [2], data: new Uint8Array([0, 255]) } });
    expect(back.d.dtype).toBe("float32");
    expect(back.d.dataSync()[0]).toBe(Math.fround(0.1));
    expect(Array.from(back.u.dataSync())).toEqual([0, 255]);
    disposeParams(back);
  });
});

// An independent implementation of the published format in numpy: reads argv[1], writes argv[2].
const NUMPY_INTEROP = String.raw`
import json, struct, sys
import numpy as np
KINDS = {"F32": "<f4", "F64": "<f8", "I32": "<i4", "U8": "u1"}
raw = open(sys.argv[1], "rb").read()
n = struct.unpack("<Q", raw[:8])[0]
assert n % 8 == 0, "header not padded to 8 bytes"
header, data, out = json.loads(raw[8:8 + n]), raw[8 + n:], {}
for name, info in header.items():
    if name == "__metadata__": out[name] = info; continue
    b, e = info["data_offsets"]
    a = np.frombuffer(data[b:e], dtype=KINDS[info["dtype"]]).reshape(info["shape"])
    out[name] = {"dtype": info["dtype"], "shape": list(a.shape), "values": a.astype(np.float64).ravel().tolist()}
x = np.arange(6, dtype="<f4").reshape(2, 3) / 4
body = json.dumps({"__metadata__": {"by": "numpy"}, "x": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}}).encode()
body += b" " * (-len(body) % 8)
open(sys.argv[2], "wb").write(struct.pack("<Q", len(body)) + body + x.tobytes())
print(json.dumps(out))
`;


describe("safetensors interop with numpy", () => {
  const hasNumpy = hasPythonModules("numpy");
  if (!hasNumpy) console.warn("skipping the numpy interop test: python3 with numpy is not installed");
  it.skipIf(!hasNumpy)("numpy reads what we write, and we read what numpy writes", () => {
    const dir = mkdtempSync(join(tmpdir(), "gantry-safetensors-"));
    try {
      const ours = join(dir, "ours.safetensors");
      const theirs = join(dir, "theirs.safetensors");
      writeFileSync(ours, encodeSafetensors({
        "d/w": { dtype: "F32", shape: [2, 2], data: new Float32Array([0.5, -1.25, 3, 1e-7]) },
        "d/n": { dtype: "F64", shape: [], data: new Float64Array([Math.E]) },
        idx: { dtype: "I32", shape: [3], data: new Int32Array([-7, 0, 2 ** 31 - 1]) },
        px: { dtype: "U8", shape: [1, 2], data: new Uint8Array([0, 255]) },
      }, { step: "40" }));
      const read = JSON.parse(execFileSync("python3", ["-c", NUMPY_INTEROP, ours, theirs], { encoding: "utf8" }));
      expect(read.__metadata__).toEqual({ step: "40" });
      expect(read["d/w"]).toEqual({ dtype: "F32", shape: [2, 2], values: [0.5, -1.25, 3, Math.fround(1e-7)] });
      expect(read["d/n"]).toEqual({ dtype: "F64", shape: [], values: [Math.E] });
      expect(read.idx.values).toEqual([-7, 0, 2 ** 31 - 1]);
      expect(read.px).toEqual({ dtype: "U8", shape: [1, 2], values: [0, 255] });
      const back = decodeSafetensors(readFileSync(theirs), theirs);
      expect(back.metadata).toEqual({ by: "numpy" });
      expect(Array.from(back.tensors.x.data)).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
