// Reads TensorBoard event files back for tests: TFRecord framing with both CRCs checked, then the Event
// fields the sink writes (event-proto.ts documents the field numbers).
import { readFileSync } from "node:fs";
import { maskedCrc32c } from "./tfrecord.js";

export interface ParsedEvent {
  wallTime?: number;
  step: number;
  fileVersion?: string;
  values: { tag: string; value: number }[];
}

export function readRecords(bytes: Uint8Array): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length;) {
    const length = Number(view.getBigUint64(at, true));
    if (view.getUint32(at + 8, true) !== maskedCrc32c(bytes.subarray(at, at + 8))) throw new Error(`bad length CRC at ${at}`);
    const data = bytes.subarray(at + 12, at + 12 + length);
    if (view.getUint32(at + 12 + length, true) !== maskedCrc32c(data)) throw new Error(`bad data CRC at ${at}`);
    out.push(data);
    at += 16 + length;
  }
  return out;
}

type Field = { field: number; wire: number; int?: bigint; bytes?: Uint8Array; at: number };

function* fields(b: Uint8Array): Generator<Field> {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = 0;
  const varint = (): bigint => {
    let v = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = b[at++];
      v |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return v;
    }
  };
  while (at < b.length) {
    const k = Number(varint());
    const field = k >> 3, wire = k & 7;
    if (wire === 0) yield { field, wire, int: varint(), at };
    else if (wire === 2) { const n = Number(varint()); yield { field, wire, bytes: b.subarray(at, at + n), at }; at += n; }
    else if (wire === 1) { yield { field, wire, at, int: view.getBigUint64(at, true) }; at += 8; }
    else if (wire === 5) { yield { field, wire, at, int: BigInt(view.getUint32(at, true)) }; at += 4; }
    else throw new Error(`wire type ${wire}`);
  }
}

const f64 = (v: bigint): number => new DataView(new BigUint64Array([v]).buffer).getFloat64(0, true);
const f32 = (v: bigint): number => new DataView(new Uint32Array([Number(v)]).buffer).getFloat32(0, true);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

export function decodeEvent(data: Uint8Array): ParsedEvent {
  const event: ParsedEvent = { step: 0, values: [] };
  for (const f of fields(data)) {
    if (f.field === 1 && f.wire === 1) event.wallTime = f64(f.int!);
    else if (f.field === 2 && f.wire === 0) event.step = Number(f.int!);
    else if (f.field === 3 && f.wire === 2) event.fileVersion = text(f.bytes!);
    else if (f.field === 5 && f.wire === 2) {
      for (const v of fields(f.bytes!)) {
        let tag = "", value = Number.NaN;
        for (const g of fields(v.bytes!)) {
          if (g.field === 1) tag = text(g.bytes!);
          else if (g.field === 2 && g.wire === 5) value = f32(g.int!);
        }
        event.values.push({ tag, value });
      }
    } else throw new Error(`unexpected field ${f.field} (wire ${f.wire})`);
  }
  return event;
}

export const readEventFile = (path: string): ParsedEvent[] => readRecords(new Uint8Array(readFileSync(path))).map(decodeEvent);
