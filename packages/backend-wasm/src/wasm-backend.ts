// The wasm backend (XNNPACK) in Node: finds its .wasm files next to the installed package, and
// registers the kernels it lacks for GAN training.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { tf, type Backend } from "@gantry/core";

function wasmDir(): string {
  const require = createRequire(import.meta.url);
  // The package's main file lives in dist/; the .wasm binaries sit beside it.
  return join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm")), "/");
}

export const wasm: Backend = Object.freeze({
  name: "wasm",
  async setup(): Promise<void> {
    const mod = await import("@tensorflow/tfjs-backend-wasm");
    mod.setWasmPaths(wasmDir());
    if (!(await tf.setBackend("wasm"))) throw new Error("tf.setBackend('wasm') failed");
    await tf.ready();
  },
});
