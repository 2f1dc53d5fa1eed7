// readIdx: an IDX file (plain or gzip) read from disk and decoded by idx.ts. Node-only
// (@gantry/data/node), since it reads the file system; decodeIdx works on bytes anywhere.
import { decodeIdx, type IdxArray } from "./idx.js";
import { readBytes } from "./read-bytes.js";

/** Reads an IDX file, gunzipping it when it is gzip. */
export function readIdx(file: string): IdxArray {
  return decodeIdx(readBytes(file), file);
}
