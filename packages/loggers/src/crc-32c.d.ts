// Types for crc-32's CRC-32C module (the package types only its CRC-32 entry point). It is CommonJS whose
// exports Node cannot detect statically, so it is imported as a default export (module.exports).
declare module "crc-32/crc32c.js" {
  const crc32c: {
    /** CRC-32C (Castagnoli) of the bytes, as a signed 32-bit integer. */
    buf(data: number[] | Uint8Array, seed?: number): number;
  };
  export default crc32c;
}
