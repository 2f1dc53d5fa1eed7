// IDX files (LeCun's MNIST format, also Fashion-MNIST), plain or gzip: magic 0x0000TTNN (T: element
// type, N: number of dims), N big-endian uint32 dims, then the big-endian data in C order.
// Decodes every IDX element type; the image datasets built on it accept uint8 only. No file access
// here (browser-safe): readIdx in idx-file.ts (@gantry/data/node) reads and gunzips files.
import { fileError, shapeSize } from "./data-error.js";

export type IdxDtype = "uint8" | "int8" | "int16" | "int32" | "float32" | "float64";

export interface IdxArray {
  readonly dtype: IdxDtype;
  readonly shape: readonly number[];
  /** uint8 data stays a Uint8Array (no copy per element); other types are decoded to native order. */
  readonly data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

const TYPES: Record<number, { dtype: IdxDtype; size: number }> = {
  0x08: { dtype: "uint8", size: 1 }, 0x09: { dtype: "int8", size: 1 }, 0x0b: { dtype: "int16", size: 2 },
  0x0c: { dtype: "int32", size: 4 }, 0x0d: { dtype: "float32", size: 4 }, 0x0e: { dtype: "float64", size: 8 },
};
const HINT = "an IDX file (e.g. train-images-idx3-ubyte[.gz] from MNIST or Fashion-MNIST) is expected; download it again";

/** Decodes IDX bytes; `file` only names the source in errors. */
export function decodeIdx(bytes: Uint8Array, file = "<idx bytes>"): IdxArray {
  if (bytes.length < 4) throw fileError("DATA_TRUNCATED", file, `IDX header truncated: ${bytes.length} bytes`, HINT);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = TYPES[bytes[2]];
  const ndim = bytes[3];
  if (bytes[0] !== 0 || bytes[1] !== 0 || !type || ndim === 0) {
    const got = view.getUint32(0, false).toString(16).padStart(8, "0");
    throw fileError("DATA_BAD_MAGIC", file,
      `IDX magic 0x0000TTNN expected (TT: 08 uint8, 09 int8, 0b int16, 0c int32, 0d float32, 0e float64; NN ≥ 1 dims), got 0x${got}`, HINT);
  }
  const offset = 4 + 4 * ndim;
  if (bytes.length < offset) {
    throw fileError("DATA_TRUNCATED", file, `IDX header truncated: ${ndim} dims need ${offset} header bytes, the file has ${bytes.length}`, HINT);
  }
  const shape = Array.from({ length: ndim }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = shapeSize(shape);
  const expected = offset + count * type.size;
  if (bytes.length !== expected) {
    const what = bytes.length < expected ? "truncated" : "has trailing bytes";
    throw fileError(bytes.length < expected ? "DATA_TRUNCATED" : "DATA_BAD_SHAPE", file,
      `IDX data ${what}: shape [${shape.join(", ")}] of ${type.dtype} needs ${expected} bytes, the file has ${bytes.length}`, HINT);
  }
  return { dtype: type.dtype, shape, data: decodeData(view, offset, count, type.dtype, bytes) };
}

function decodeData(view: DataView, offset: number, count: number, dtype: IdxDtype, bytes: Uint8Array): IdxArray["data"] {
  if (dtype === "uint8") return bytes.subarray(offset, offset + count);
  if (dtype === "int8") return new Int8Array(bytes.buffer, bytes.byteOffset + offset, count);
  const out = { int16: Int16Array, int32: Int32Array, float32: Float32Array, float64: Float64Array }[dtype];
  const arr = new out(count);
  const get = { int16: (o: number) => view.getInt16(o, false), int32: (o: number) => view.getInt32(o, false),
    float32: (o: number) => view.getFloat32(o, false), float64: (o: number) => view.getFloat64(o, false) }[dtype];
  const size = arr.BYTES_PER_ELEMENT;
  for (let i = 0; i < count; i++) arr[i] = get(offset + i * size);
  return arr;
}

/** IDX bytes for an array (big-endian); used by tests and to export data in the MNIST format. */
export function encodeIdx(array: IdxArray): Uint8Array {
  const code = Number(Object.entries(TYPES).find(([, t]) => t.dtype === array.dtype)?.[0]);
  const size = TYPES[code].size;
  const offset = 4 + 4 * array.shape.length;
  const out = new Uint8Array(offset + array.data.length * size);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = array.shape.length;
  array.shape.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const set = { uint8: (o: number, v: number) => view.setUint8(o, v), int8: (o: number, v: number) => view.setInt8(o, v),
    int16: (o: number, v: number) => view.setInt16(o, v, false), int32: (o: number, v: number) => view.setInt32(o, v, false),
    float32: (o: number, v: number) => view.setFloat32(o, v, false), float64: (o: number, v: number) => view.setFloat64(o, v, false) }[array.dtype];
  for (let i = 0; i < array.data.length; i++) set(offset + i * size, array.data[i]);
  return out;
}
