import CRC32C from "crc-32/crc32c.js";
import { describe, expect, it } from "vitest";
import { maskedCrc32c, tfRecord } from "./tfrecord.js";
import { readRecords } from "./tfevents.test-support.js";

describe("tfRecord", () => {
  it("uses CRC-32C (Castagnoli): the standard check value", () => {
    expect(CRC32C.buf(new TextEncoder().encode("123456789")) >>> 0).toBe(0xe3069283);
  });

  it("masks the CRC as TensorFlow does (rotate right 15, + 0xa282ead8)", () => {
    const crc = 0xe3069283;
    const expected = ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) % 2 ** 32;
    expect(maskedCrc32c(new TextEncoder().encode("123456789"))).toBe(expected);
  });

  it("frames data as length, masked CRC of the length, data, masked CRC of the data", () => {
    const data = Uint8Array.from([1, 2, 3, 250]);
    const record = tfRecord(data);
    expect(record.length).toBe(4 + 16);
    expect(new DataView(record.buffer).getBigUint64(0, true)).toBe(4n);
    expect(readRecords(Uint8Array.from([...record, ...tfRecord(new Uint8Array(0))]))).toEqual([data, new Uint8Array(0)]);
    record[13] ^= 1;
    expect(() => readRecords(record)).toThrow(/bad data CRC/);
  });
});
