// safetensors: reads and writes the published format (huggingface/safetensors: an 8-byte
// little-endian header length, a JSON header {name: {dtype, shape, data_offsets}, __metadata__?},
// space-padded to 8-byte alignment, then raw little-endian data). Only F32, F64, I32 and U8; no
// memory mapping, no bf16/f16. Checkpoints keep every tensor state in one such file (ADR 0005).
import * as tf from "@tensorflow/tfjs-core";
import { GantryError } from "./errors.js";
import type { Params } from "./params.js";

export type SafetensorsDType = "F32" | "F64" | "I32" | "U8";
export type RawTensorData = Float32Array | Float64Array | Int32Array | Uint8Array;

export interface RawTensor {
  readonly dtype: SafetensorsDType;
  readonly shape: number[];
  readonly data: RawTensorData;
}

export interface DecodedSafetensors {
  readonly tensors: Record<string, RawTensor>;
  readonly metadata: Record<string, string>;
}

const ARRAYS = { F32: Float32Array, F64: Float64Array, I32: Int32Array, U8: Uint8Array } as const;
const DTYPES = Object.keys(ARRAYS) as SafetensorsDType[];
/** The reference implementation refuses headers over 100 MB; so do we (a corrupt length is huge). */
const MAX_HEADER_BYTES = 100_000_000;
const METADATA = "__metadata__";
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const isDType = (d: unknown): d is SafetensorsDType => typeof d === "string" && DTYPES.includes(d as SafetensorsDType);
const elementCount = (shape: readonly number[]): number => shape.reduce((n, d) => n * d, 1);
const isShape = (s: unknown): s is number[] => Array.isArray(s) && s.every((d) => Number.isSafeInteger(d) && d >= 0);

function corrupt(source: string, message: string): GantryError {
  return new GantryError("SAFETENSORS_CORRUPT", `not a valid safetensors file: ${message}`, {
    where: { file: source },
    hint: "the file is truncated or was not written as safetensors; re-create it (a checkpoint: resume from the previous one)",
  });
}

function badInput(message: string): GantryError {
  return new GantryError("SAFETENSORS_BAD_TENSOR", message, {
    hint: "each tensor needs dtype F32|F64|I32|U8, a shape of non-negative integers and data of the matching typed array and length",
  });
}

// ---------------------------------------------------------------------------------------------
// Encoding

function checkTensor(name: string, t: RawTensor): void {
  if (name === METADATA) throw badInput(`"${METADATA}" is reserved for metadata and cannot name a tensor`);
  if (!isDType(t.dtype)) throw badInput(`tensor "${name}": unsupported dtype ${JSON.stringify(t.dtype)}`);
  if (!(t.data instanceof ARRAYS[t.dtype])) throw badInput(`tensor "${name}": ${t.dtype} data must be a ${ARRAYS[t.dtype].name}`);
  if (!isShape(t.shape)) throw badInput(`tensor "${name}": bad shape ${JSON.stringify(t.shape)}`);
  if (elementCount(t.shape) !== t.data.length) {
    throw badInput(`tensor "${name}": shape [${t.shape.join(", ")}] holds ${elementCount(t.shape)} values, data has ${t.data.length}`);
  }
}

/** Reverses the byte order of each k-byte element (host ↔ little-endian on a big-endian host). */
function swapBytes(bytes: Uint8Array, k: number): Uint8Array {
  if (LITTLE_ENDIAN_HOST || k === 1) return bytes;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += k) for (let j = 0; j < k; j++) out[i + j] = bytes[i + k - 1 - j];
  return out;
}

/** The bytes of a typed array in little-endian order. */
function littleEndianBytes(data: RawTensorData): Uint8Array {
  return swapBytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), data.BYTES_PER_ELEMENT);
}

/** Serialises tensors (in name order) and string metadata to safetensors bytes. */
export function encodeSafetensors(tensors: Readonly<Record<string, RawTensor>>, metadata?: Readonly<Record<string, string>>): Uint8Array {
  const names = Object.keys(tensors).sort();
  const header: Record<string, unknown> = {};
  if (metadata && Object.keys(metadata).length > 0) {
    for (const [k, v] of Object.entries(metadata)) if (typeof v !== "string") throw badInput(`metadata "${k}" must be a string`);
    header[METADATA] = metadata;
  }
  let offset = 0;
  for (const name of names) {
    const t = tensors[name];
    checkTensor(name, t);
    Object.defineProperty(header, name, {
      value: { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.data.byteLength] },
      enumerable: true, writable: true, configurable: true,
    });
    offset += t.data.byteLength;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let at = 8 + headerLength;
  for (const name of names) {
    const bytes = littleEndianBytes(tensors[name].data);
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Decoding

function readHeader(bytes: Uint8Array, source: string): { header: Record<string, unknown>; dataStart: number } {
  if (bytes.length < 8) throw corrupt(source, `${bytes.length} bytes, shorter than the 8-byte header length`);
  const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(Math.min(bytes.length - 8, MAX_HEADER_BYTES))) {
    throw corrupt(source, `header length ${n} exceeds the ${bytes.length - 8} bytes that follow it`);
  }
  const dataStart = 8 + Number(n);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, dataStart)));
  } catch (e) {
    throw corrupt(source, `header is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) throw corrupt(source, "header is not a JSON object");
  return { header: header as Record<string, unknown>, dataStart };
}

function readMetadata(value: unknown, source: string): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw corrupt(source, `${METADATA} is not an object`);
  const entries = Object.entries(value);
  for (const [k, v] of entries) if (typeof v !== "string") throw corrupt(source, `${METADATA}.${k} is not a string`);
  return Object.fromEntries(entries) as Record<string, string>;
}

interface Located { readonly name: string; readonly dtype: SafetensorsDType; readonly shape: number[]; readonly begin: number; readonly end: number }

function locate(name: string, info: unknown, dataLength: number, source: string): Located {
  const { dtype, shape, data_offsets: offsets } = (typeof info === "object" && info !== null ? info : {}) as Record<string, unknown>;
  if (!isDType(dtype)) {
    throw new GantryError("SAFETENSORS_UNSUPPORTED_DTYPE", `tensor "${name}" has dtype ${JSON.stringify(dtype)}, which Gantry does not read`, {
      where: { file: source }, hint: `convert it to one of ${DTYPES.join(", ")} before loading (e.g. numpy .astype("float32"))`,
    });
  }
  if (!isShape(shape)) throw corrupt(source, `tensor "${name}" has a bad shape ${JSON.stringify(shape)}`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
    throw corrupt(source, `tensor "${name}" has bad data_offsets ${JSON.stringify(offsets)}`);
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end || end > dataLength) {
    throw corrupt(source, `tensor "${name}" data_offsets [${begin}, ${end}] lie outside the ${dataLength} data bytes`);
  }
  const expected = elementCount(shape) * ARRAYS[dtype].BYTES_PER_ELEMENT;
  if (end - begin !== expected) {
    throw corrupt(source, `tensor "${name}" ${dtype}[${shape.join(", ")}] needs ${expected} bytes, data_offsets give ${end - begin}`);
  }
  return { name, dtype, shape, begin, end };
}

function checkNoOverlap(located: readonly Located[], source: string): void {
  const byStart = located.filter((t) => t.end > t.begin).sort((a, b) => a.begin - b.begin);
  for (let i = 1; i < byStart.length; i++) {
    const [a, b] = [byStart[i - 1], byStart[i]];
    if (b.begin < a.end) throw corrupt(source, `tensors "${a.name}" and "${b.name}" overlap (bytes ${b.begin}–${Math.min(a.end, b.end)})`);
  }
}

/** Copies a tensor's bytes into a fresh, aligned typed array in host byte order. */
function readData(t: Located, data: Uint8Array): RawTensorData {
  const Array_ = ARRAYS[t.dtype];
  const out = new Array_(elementCount(t.shape));
  new Uint8Array(out.buffer).set(swapBytes(data.subarray(t.begin, t.end), Array_.BYTES_PER_ELEMENT));
  return out;
}

/** Parses safetensors bytes; corrupt input is a GantryError naming `source`. */
export function decodeSafetensors(bytes: Uint8Array, source = "<safetensors bytes>"): DecodedSafetensors {
  const { header, dataStart } = readHeader(bytes, source);
  const data = bytes.subarray(dataStart);
  const metadata = METADATA in header ? readMetadata(header[METADATA], source) : {};
  const located = Object.entries(header)
    .filter(([name]) => name !== METADATA)
    .map(([name, info]) => locate(name, info, data.length, source));
  checkNoOverlap(located, source);
  const tensors = Object.fromEntries(located.map((t) => [t.name, { dtype: t.dtype, shape: t.shape, data: readData(t, data) }]));
  return { tensors, metadata };
}

// ---------------------------------------------------------------------------------------------
// Params ↔ raw tensors

/** Downloads every tensor (float32 → F32, int32 → I32, bool → U8). */
export async function paramsToRaw(p: Params): Promise<Record<string, RawTensor>> {
  const entries = await Promise.all(Object.entries(p).map(async ([name, t]): Promise<[string, RawTensor]> => {
    const shape = [...t.shape];
    if (t.dtype === "float32") return [name, { dtype: "F32", shape, data: Float32Array.from(await t.data<"float32">()) }];
    if (t.dtype === "int32") return [name, { dtype: "I32", shape, data: Int32Array.from(await t.data<"int32">()) }];
    if (t.dtype === "bool") return [name, { dtype: "U8", shape, data: Uint8Array.from(await t.data<"bool">()) }];
    throw new GantryError("SAFETENSORS_BAD_TENSOR", `param "${name}" has dtype ${t.dtype}, which safetensors files here do not hold`, {
      hint: "keep params and state as float32 or int32 tensors",
    });
  }));
  return Object.fromEntries(entries);
}

/**
 * Makes tensors (F32 → float32, I32 and U8 → int32, F64 → float32: TF.js has no float64, so
 * doubles are rounded). The caller owns, and disposes, the result.
 */
export function rawToParams(raw: Readonly<Record<string, RawTensor>>): Params {
  return Object.fromEntries(Object.entries(raw).map(([name, r]) => {
    if (r.dtype === "F32") return [name, tf.tensor(r.data as Float32Array, r.shape, "float32")];
    if (r.dtype === "F64") return [name, tf.tensor(Float32Array.from(r.data), r.shape, "float32")];
    return [name, tf.tensor(Int32Array.from(r.data), r.shape, "int32")];
  }));
}
