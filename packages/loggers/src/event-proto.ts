// The few protobuf fields of TensorBoard's `Event` (tensorflow/core/util/event.proto, summary.proto) that a
// scalar logger needs, encoded by hand. Field numbers: Event { double wall_time = 1; int64 step = 2;
// string file_version = 3; Summary summary = 5 }, Summary { repeated Value value = 1 },
// Value { string tag = 1; float simple_value = 2 }. Nothing else (images, histograms) is written.

/** Wire types: 0 varint, 1 64-bit, 2 length-delimited, 5 32-bit. */
const key = (field: number, wire: number): number => (field << 3) | wire;

function varint(value: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(64, value);
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? byte | 0x80 : byte);
  } while (v > 0n);
  return out;
}

const bytesField = (field: number, data: Uint8Array): number[] => [key(field, 2), ...varint(BigInt(data.length)), ...data];

function fixed(field: number, wire: 1 | 5, value: number): number[] {
  const b = new DataView(new ArrayBuffer(wire === 1 ? 8 : 4));
  if (wire === 1) b.setFloat64(0, value, true);
  else b.setFloat32(0, value, true);
  return [key(field, wire), ...new Uint8Array(b.buffer)];
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

export interface ScalarValue {
  readonly tag: string;
  readonly value: number;
}

/** `Event { wall_time, file_version }` (step 0, the proto3 default, is omitted): the first record of every event file. */
export function fileVersionEvent(wallTime: number, version = "brain.Event:2"): Uint8Array {
  return Uint8Array.from([...fixed(1, 1, wallTime), ...bytesField(3, utf8(version))]);
}

/** `Event { wall_time, step, summary { value { tag, simple_value } … } }`. */
export function scalarsEvent(wallTime: number, step: number, values: readonly ScalarValue[]): Uint8Array {
  const summary = values.flatMap((v) => bytesField(1, Uint8Array.from([...bytesField(1, utf8(v.tag)), ...fixed(2, 5, v.value)])));
  return Uint8Array.from([...fixed(1, 1, wallTime), key(2, 0), ...varint(BigInt(step)), ...bytesField(5, Uint8Array.from(summary))]);
}
