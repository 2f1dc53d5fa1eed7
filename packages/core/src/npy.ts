// NPY bytes (numpy's .npy format, versions 1.0/2.0/3.0 read, 1.0/2.0 written): float32, float64, uint8
// and int32 arrays in C order, any shape, either byte order on read. Shared by @gantry/data (files) and
// @gantry/metrics (pytorch-fid .npz entries). Not here: file I/O, Fortran order, structured/object dtypes.
import { GantryError } from "./errors.js";

export type NpyDtype = "float32" | "float64" | "uint8" | "int32";

export interface NpyTypedArray {
  float32: Float32Array;
  float64: Float64Array;
  uint8: Uint8Array;
  int32: Int32Array;
}

/** A C-ordered array as read from or written to an .npy file. */
export interface NpyArray<D extends NpyDtype = NpyDtype> {
  readonly dtype: D;
  readonly shape: readonly number[];
  readonly data: NpyTypedArray[D];
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const DESCR: Record<NpyDtype, string> = { float32: "<f4", float64: "<f8", uint8: "|u1", int32: "<i4" };
const ITEMSIZE: Record<NpyDtype, number> = { float32: 4, float64: 8, uint8: 1, int32: 4 };
const FORMAT_HINT = "save a C-ordered float32, float64, uint8 or int32 array with numpy.save";
const TRUNCATED_HINT = "the file was cut short; write it again";
/** Where errors point when encoding: there is no file yet. */
const OUTPUT = "<npy output>";

interface Header {
  readonly dtype: NpyDtype;
  readonly littleEndian: boolean;
  readonly shape: number[];
  readonly dataOffset: number;
}

// The DATA_* codes predate this module's move from @gantry/data; users and tests match on them.
function npyError(code: string, file: string, message: string, hint: string): GantryError {
  return new GantryError(code, message, { where: { file }, hint });
}

const elementCount = (shape: readonly number[]): number => shape.reduce((n, d) => n * d, 1);

/** Decodes .npy bytes; `file` only names the source in errors. */
export function decodeNpy(bytes: Uint8Array, file = "<npy bytes>"): NpyArray {
  const header = parseHeader(bytes, file);
  const count = elementCount(header.shape);
  const nbytes = count * ITEMSIZE[header.dtype];
  const available = bytes.length - header.dataOffset;
  if (available < nbytes) {
    throw npyError("DATA_TRUNCATED", file,
      `NPY data truncated: shape (${header.shape.join(", ")}) of ${header.dtype} needs ${nbytes} bytes, the file has ${available}`,
      TRUNCATED_HINT);
  }
  return { dtype: header.dtype, shape: header.shape, data: readData(bytes, header, count) };
}

function parseHeader(bytes: Uint8Array, file: string): Header {
  if (bytes.length < 10 || MAGIC.some((m, i) => bytes[i] !== m)) {
    throw npyError("DATA_BAD_MAGIC", file, "not an NPY file: the magic string \\x93NUMPY is missing", FORMAT_HINT);
  }
  const major = bytes[6];
  if (major < 1 || major > 3) {
    throw npyError("DATA_BAD_HEADER", file, `NPY version ${major}.${bytes[7]} is not supported (1.0, 2.0 or 3.0 expected)`, FORMAT_HINT);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenSize = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenSize) throw truncatedHeader(file);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lenSize;
  if (bytes.length < start + headerLen) throw truncatedHeader(file);
  const text = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(bytes.subarray(start, start + headerLen));
  return { ...parseDict(text, file), dataOffset: start + headerLen };
}

function truncatedHeader(file: string): GantryError {
  return npyError("DATA_TRUNCATED", file, "NPY header truncated", TRUNCATED_HINT);
}

/** Parses the header's Python dict literal: {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }. */
function parseDict(text: string, file: string): Omit<Header, "dataOffset"> {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw npyError("DATA_BAD_HEADER", file, `NPY header is not a dict with descr, fortran_order and shape: ${JSON.stringify(text.trim())}`, FORMAT_HINT);
  }
  if (fortran === "True") {
    throw npyError("DATA_UNSUPPORTED_LAYOUT", file, "NPY array is in Fortran order; only C order is read",
      "save numpy.ascontiguousarray(a) instead");
  }
  return { ...parseDescr(descr, file), shape: parseShape(shapeText, file) };
}

function parseDescr(descr: string, file: string): { dtype: NpyDtype; littleEndian: boolean } {
  const m = /^([<>|=])(f4|f8|u1|i4)$/.exec(descr);
  if (!m) {
    throw npyError("DATA_UNSUPPORTED_DTYPE", file, `NPY dtype '${descr}' is not supported (float32 '<f4', float64 '<f8', uint8 '|u1', int32 '<i4' expected)`,
      "convert first, e.g. numpy.save(path, a.astype(numpy.float32))");
  }
  const dtype = ({ f4: "float32", f8: "float64", u1: "uint8", i4: "int32" } as const)[m[2] as "f4" | "f8" | "u1" | "i4"];
  return { dtype, littleEndian: m[1] !== ">" };
}

function parseShape(text: string, file: string): number[] {
  const parts = text.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  const shape = parts.map((s) => (/^\d+L?$/.test(s) ? Number.parseInt(s, 10) : Number.NaN));
  if (shape.some((d) => !Number.isSafeInteger(d))) {
    throw npyError("DATA_BAD_HEADER", file, `NPY shape (${text}) is not a tuple of non-negative integers`, FORMAT_HINT);
  }
  return shape;
}

function readData(bytes: Uint8Array, h: Header, count: number): NpyTypedArray[NpyDtype] {
  const size = ITEMSIZE[h.dtype];
  // Copy into a fresh, aligned buffer: the data offset need not be a multiple of the item size.
  const copy = new Uint8Array(count * size);
  copy.set(bytes.subarray(h.dataOffset, h.dataOffset + count * size));
  const out = makeArray(h.dtype, copy.buffer, count);
  if (!h.littleEndian && size > 1) swapBytes(copy, size);
  return out;
}

function makeArray(dtype: NpyDtype, buffer: ArrayBuffer, count: number): NpyTypedArray[NpyDtype] {
  switch (dtype) {
    case "float32": return new Float32Array(buffer, 0, count);
    case "float64": return new Float64Array(buffer, 0, count);
    case "uint8": return new Uint8Array(buffer, 0, count);
    case "int32": return new Int32Array(buffer, 0, count);
  }
}

function swapBytes(bytes: Uint8Array, size: number): void {
  for (let i = 0; i < bytes.length; i += size) bytes.subarray(i, i + size).reverse();
}

/** NPY bytes for an array (version 1.0 unless the header needs 2.0, or `version: 2` is asked for). */
export function encodeNpy(array: NpyArray, options: { readonly version?: 1 | 2 } = {}): Uint8Array {
  checkArray(array);
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(", ")})`;
  const dict = `{'descr': '${DESCR[array.dtype]}', 'fortran_order': False, 'shape': ${shape}, }`;
  const version = options.version ?? (dict.length + 11 > 65535 ? 2 : 1);
  const prefix = version === 1 ? 10 : 12;
  // numpy pads the header with spaces and a final newline so the data starts on a 64-byte boundary.
  const total = Math.ceil((prefix + dict.length + 1) / 64) * 64;
  const header = dict + " ".repeat(total - prefix - dict.length - 1) + "\n";
  const data = new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength);
  const out = new Uint8Array(total + data.length);
  out.set(MAGIC, 0);
  out[6] = version;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[prefix + i] = header.charCodeAt(i);
  out.set(data, total);
  return out;
}

const ARRAY_TYPES: Record<NpyDtype, { new (n: number): ArrayLike<number> }> = {
  float32: Float32Array, float64: Float64Array, uint8: Uint8Array, int32: Int32Array,
};

function checkArray(array: NpyArray): void {
  const expected = ARRAY_TYPES[array.dtype];
  if (!expected || !(array.data instanceof expected)) {
    throw npyError("DATA_UNSUPPORTED_DTYPE", OUTPUT, `cannot write dtype ${String(array.dtype)} with data ${array.data?.constructor?.name}`,
      "pass { dtype: 'float32', data: Float32Array } (or float64/Float64Array, uint8/Uint8Array, int32/Int32Array)");
  }
  if (array.shape.some((d) => !Number.isSafeInteger(d) || d < 0) || elementCount(array.shape) !== array.data.length) {
    throw npyError("DATA_BAD_SHAPE", OUTPUT, `shape [${array.shape.join(", ")}] does not hold ${array.data.length} values`,
      "the product of the shape must equal data.length");
  }
}
