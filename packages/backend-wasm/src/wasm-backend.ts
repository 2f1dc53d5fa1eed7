// The wasm backend (XNNPACK) in Node: finds its .wasm files next to the installed package, and
// registers the kernels it lacks for GAN training (Conv2DBackpropFilter), runs slowly
// (Conv2DBackpropInput, and BatchMatMul/_FusedMatMul with transpose flags) or gets wrong (Conv2D).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { GantryError, tf, type Backend } from "@gantry/core";
import { registerWasmKernels } from "./register-kernels.js";

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
    if (!(await tf.setBackend("wasm"))) {
      throw new GantryError("BACKEND_SETUP_FAILED", "tf.setBackend('wasm') failed", { hint: "check that @tensorflow/tfjs-backend-wasm and @tensorflow/tfjs-core are the same version (4.22.0)" });
    }
    await tf.ready();
    registerWasmKernels();
  },
});
