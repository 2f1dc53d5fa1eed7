// Reads a whole file as bytes, gunzipping it when it starts with the gzip magic (1f 8b), whatever
// its name. Missing files and broken gzip streams become GantryErrors naming the file.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { fileError } from "./data-error.js";

/** True when the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Gunzips bytes if they are gzip, else returns them unchanged. */
export function maybeGunzip(bytes: Uint8Array, file: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return plain(gunzipSync(bytes));
  } catch (e) {
    throw fileError("DATA_BAD_GZIP", file, `gzip stream is corrupt or truncated (${(e as Error).message})`,
      "download the file again, or gunzip it and pass the plain file", e);
  }
}

/** The file's bytes (plain or gunzipped). */
export function readBytes(file: string): Uint8Array {
  let raw: Uint8Array;
  try {
    raw = plain(readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw fileError("DATA_NOT_FOUND", file, `cannot read file (${code ?? (e as Error).message})`,
      "check the path; relative paths are resolved from the current directory", e);
  }
  return maybeGunzip(raw, file);
}

/** A plain Uint8Array view of a Buffer (so subarrays are Uint8Arrays, not Buffers). */
function plain(b: Uint8Array): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
