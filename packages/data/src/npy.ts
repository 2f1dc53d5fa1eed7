// NPY files (numpy's .npy format): read plain or gzipped, write from arrays or tensors. The byte codec
// (versions 1.0–3.0, float32/float64/uint8/int32, C order) lives in @gantry/core and is re-exported here.
// Not supported: Fortran order, structured dtypes, object arrays, pickles (.npz archives neither).
import { writeFileSync } from "node:fs";
import { decodeNpy, encodeNpy, type NpyArray, type tf } from "@gantry/core";
import { fileError } from "./data-error.js";
import { readBytes } from "./read-bytes.js";

export { decodeNpy, encodeNpy, type NpyArray, type NpyDtype, type NpyTypedArray } from "@gantry/core";

/** Reads an .npy file (plain or gzipped). */
export function readNpy(file: string): NpyArray {
  return decodeNpy(readBytes(file), file);
}

/** Writes an array (or a float32/int32 tensor) to an .npy file. */
export async function writeNpy(file: string, array: NpyArray | tf.Tensor): Promise<void> {
  const value = isNpyArray(array) ? array : await npyFromTensor(array);
  writeFileSync(file, encodeNpy(value));
}

/** An NpyArray holding a tensor's values (float32 or int32; the tensor is not disposed). */
export async function npyFromTensor(t: tf.Tensor): Promise<NpyArray> {
  if (t.dtype !== "float32" && t.dtype !== "int32") {
    throw fileError("DATA_UNSUPPORTED_DTYPE", "<npy output>", `cannot write a ${t.dtype} tensor`, "cast it first: tf.cast(t, 'float32')");
  }
  const data = (await t.data()) as Float32Array | Int32Array;
  return { dtype: t.dtype, shape: [...t.shape], data } as NpyArray;
}

function isNpyArray(value: NpyArray | tf.Tensor): value is NpyArray {
  return typeof (value as NpyArray).dtype === "string" && ArrayBuffer.isView((value as NpyArray).data);
}
