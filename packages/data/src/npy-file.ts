// .npy files on disk: read (plain or gzipped) and write, with the codec in npy.ts. Node-only
// (@gantry/data/node), since it uses node:fs; decodeNpy/encodeNpy work on bytes anywhere.
import { writeFileSync } from "node:fs";
import { decodeNpy, encodeNpy, type NpyArray, type tf } from "@gantry/core";
import { isNpyArray, npyFromTensor } from "./npy.js";
import { readBytes } from "./read-bytes.js";

/** Reads an .npy file (plain or gzipped). */
export function readNpy(file: string): NpyArray {
  return decodeNpy(readBytes(file), file);
}

/** Writes an array (or a float32/int32 tensor) to an .npy file. */
export async function writeNpy(file: string, array: NpyArray | tf.Tensor): Promise<void> {
  const value = isNpyArray(array) ? array : await npyFromTensor(array);
  writeFileSync(file, encodeNpy(value));
}
