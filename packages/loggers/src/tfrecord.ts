// TFRecord framing, as TensorFlow writes it (tensorflow/core/lib/io/record_writer.cc): per record a uint64
// little-endian length, the masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the data.
import CRC32C from "crc-32/crc32c.js";

/** TensorFlow's CRC mask (crc32c.h): rotate right by 15, add 0xa282ead8, so CRCs of CRCs stay well mixed. */
export function maskedCrc32c(bytes: Uint8Array): number {
  const crc = CRC32C.buf(bytes) >>> 0;
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

/** One framed record: 8 + 4 + data.length + 4 bytes. */
export function tfRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(16 + data.length);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(data.length), true);
  view.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(data, 12);
  view.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}
