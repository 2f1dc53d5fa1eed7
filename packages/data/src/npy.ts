// NPY arrays (numpy's .npy format) without files: the byte codec (versions 1.0–3.0, float32/float64/
// uint8/int32, C order) lives in @gantry/core and is re-exported here, plus tensor → NpyArray. Reading
// and writing .npy files is npy-file.ts (@gantry/data/node). Not supported: Fortran order, structured
// dtypes, object arrays, pickles (.npz archives neither).
import type { NpyArray, tf } from "@gantry/core";
import { fileError } from "./data-error.js";

export { decodeNpy, encodeNpy, type NpyArray, type NpyDtype, type NpyTypedArray } from "@gantry/core";

/** An NpyArray holding a tensor's values (float32 or int32; the tensor is not disposed). */
export async function npyFromTensor(t: tf.Tensor): Promise<NpyArray> {
  if (t.dtype !== "float32" && t.dtype !== "int32") {
    throw fileError("DATA_UNSUPPORTED_DTYPE", "<npy output>", `cannot write a ${t.dtype} tensor`, "cast it first: tf.cast(t, 'float32')");
  }
  const data = (await t.data()) as Float32Array | Int32Array;
  return { dtype: t.dtype, shape: [...t.shape], data } as NpyArray;
}

export function isNpyArray(value: NpyArray | tf.Tensor): value is NpyArray {
  return typeof (value as NpyArray).dtype === "string" && ArrayBuffer.isView((value as NpyArray).data);
}
