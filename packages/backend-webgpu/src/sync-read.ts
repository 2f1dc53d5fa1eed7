// tfjs-backend-webgpu reads GPU data synchronously (dataSync/arraySync) through an OffscreenCanvas,
// which Node lacks; it would fail with "OffscreenCanvas is not defined". This turns that into a
// GantryError that says the fix (read with await). It does not make synchronous reads possible.
import { GantryError, type tf } from "@gantry/core";

export function guardSyncRead(backend: tf.KernelBackend): void {
  const readSync = backend.readSync.bind(backend);
  backend.readSync = (dataId: object) => {
    try {
      return readSync(dataId);
    } catch (e) {
      if (!(e instanceof ReferenceError)) throw e;
      throw new GantryError("WEBGPU_SYNC_READ", "the webgpu backend cannot read a tensor synchronously in Node (dataSync, arraySync, bufferSync, print)", {
        hint: "read it with `await t.data()` / `await t.array()`, or run this code on the wasm or cpu backend",
        cause: e,
      });
    }
  };
}
