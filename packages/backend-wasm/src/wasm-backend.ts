// The wasm backend (XNNPACK) anywhere: loads @tensorflow/tfjs-backend-wasm, points it at its .wasm
// files (a URL or path prefix given by the caller; node-wasm-backend.ts finds them on disk in Node), and
// registers the kernels it lacks for GAN training (Conv2DBackpropFilter), runs slowly
// (Conv2DBackpropInput, and BatchMatMul/_FusedMatMul with transpose flags) or gets wrong (Conv2D).
import { GantryError, tf, type Backend } from "@gantry/core";
import { registerWasmKernels } from "./register-kernels.js";

/** Where the .wasm binaries are: tfjs-backend-wasm's setWasmPaths argument. */
export type WasmPaths = string | Readonly<Partial<Record<"tfjs-backend-wasm.wasm" | "tfjs-backend-wasm-simd.wasm" | "tfjs-backend-wasm-threaded-simd.wasm", string>>>;

export interface WasmOptions {
  /**
   * A URL or path prefix ending in "/" (e.g. "/assets/tfjs-wasm/", or a CDN folder of
   * @tensorflow/tfjs-backend-wasm@4.22.0/dist/), or one URL per file. Default: tfjs-backend-wasm's own
   * lookup (beside its script), which a bundled page usually has to override.
   */
  readonly wasmPaths?: WasmPaths;
}

/** A wasm Backend loading its binaries from `wasmPaths`; `setup()` does the work. */
export function wasmBackend(options: WasmOptions = {}): Backend {
  return Object.freeze({
    name: "wasm",
    async setup(): Promise<void> {
      const mod = await import("@tensorflow/tfjs-backend-wasm");
      if (options.wasmPaths !== undefined) mod.setWasmPaths(options.wasmPaths as Parameters<typeof mod.setWasmPaths>[0]);
      if (!(await tf.setBackend("wasm"))) {
        throw new GantryError("BACKEND_SETUP_FAILED", "tf.setBackend('wasm') failed", {
          hint: "check that @tensorflow/tfjs-backend-wasm and @tensorflow/tfjs-core are the same version (4.22.0), and that wasmPaths points at its .wasm files",
        });
      }
      await tf.ready();
      registerWasmKernels();
    },
  });
}

/** The wasm backend with tfjs-backend-wasm's default lookup (in Node use @gantry/backend-wasm/node's `wasm`). */
export const wasm: Backend = wasmBackend();
