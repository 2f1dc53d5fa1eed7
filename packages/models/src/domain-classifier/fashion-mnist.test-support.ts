// Test support: reads the real Fashion-MNIST IDX .gz files with node:zlib (models cannot import
// @gantry/data), as uint8 pixels and labels, and makes [N, 28, 28, 1] tensors in [−1, 1].
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { tf } from "@gantry/core";

export const FASHION_MNIST = "/usr/share/datasets/fashion-mnist";
export const haveFashionMnist = existsSync(`${FASHION_MNIST}/t10k-images-idx3-ubyte.gz`);

/** IDX: 0, 0, dtype 0x08 (uint8), ndim, big-endian int32 dims, then the data. */
export function readIdx(file: string): { dims: number[]; data: Uint8Array } {
  const raw = gunzipSync(readFileSync(`${FASHION_MNIST}/${file}`));
  if (raw[0] !== 0 || raw[1] !== 0 || raw[2] !== 0x08) throw new Error(`${file}: not an unsigned-byte IDX file`);
  const ndim = raw[3];
  const dims = Array.from({ length: ndim }, (_, i) => raw.readInt32BE(4 + 4 * i));
  return { dims, data: new Uint8Array(raw.buffer, raw.byteOffset + 4 + 4 * ndim, dims.reduce((a, b) => a * b, 1)) };
}

/** Images [from, to) as a float32 tensor [n, 28, 28, 1], x / 127.5 − 1 (as the training script). */
export function imageTensor(pixels: Uint8Array, from: number, to: number): tf.Tensor4D {
  const x = Float32Array.from(pixels.subarray(from * 784, to * 784), (v) => v / 127.5 - 1);
  return tf.tensor4d(x, [to - from, 28, 28, 1]);
}
