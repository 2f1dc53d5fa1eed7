// The native backend: the wasm backend's instance (tensors in the wasm heap, XNNPACK for element-wise
// ops and reductions) with the GEMM-shaped kernels — BatchMatMul, _FusedMatMul, Conv2D and both conv
// gradients — on OpenBLAS, and Tanh on glibc, through the addon, which reads the heap in place
// (docs/adr/0012-native-backend.md).
// Unavailable — with a GantryError that says how to get it — where the addon was not built.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { GantryError, tf, type Backend } from "@gantry/core";
import { loadAddon, type AddonLoad } from "./addon.js";
import { NATIVE } from "./kernels/kernel-backend.js";
import { registerNativeKernels } from "./register-kernels.js";

export interface NativeBackendOptions {
  /**
   * OpenBLAS threads. Default 1: on the 2-vCPU machines Gantry is measured on, one thread was faster
   * than two for these model sizes (benchmarks/speed; PyTorch's best count there is also 1).
   */
  readonly threads?: number;
  /** Replaces the addon loader (tests). */
  readonly load?: () => AddonLoad;
}

/** The one-line "how", in the message useBackend logs when it falls back past the native backend. */
const NATIVE_ENABLE = "apt-get install libopenblas-dev, then npm rebuild @gantry/backend-native";

/** How to get the addon, in full: the error's hint. */
export const NATIVE_INSTALL_HINT =
  "install OpenBLAS's headers (Debian/Ubuntu: apt-get install libopenblas-dev) and a C compiler, then run " +
  "`npm rebuild @gantry/backend-native`; wasm and cpu remain available meanwhile";

export function nativeBackend(options: NativeBackendOptions = {}): Backend {
  const threads = options.threads ?? 1;
  if (!Number.isSafeInteger(threads) || threads < 1) {
    throw new GantryError("CONFIG_INVALID", `native backend: threads must be a positive integer, got ${threads}`, { hint: "omit it for 1" });
  }
  return Object.freeze({
    name: NATIVE,
    async setup(): Promise<void> {
      const loaded = (options.load ?? loadAddon)();
      // useBackend logs the message of a backend it skips, so the message itself says how to get it.
      if (!loaded.ok) throw new GantryError(loaded.code, `${loaded.reason} (to enable: ${NATIVE_ENABLE})`, { hint: NATIVE_INSTALL_HINT });
      await ensureWasm();
      // The same instance under a second name: tfjs-backend-wasm's kernels bind their wasm functions
      // per kernel, not per instance, so a second wasm module would have them call into the wrong heap.
      if (!tf.findBackendFactory(NATIVE)) tf.registerBackend(NATIVE, () => tf.findBackend("wasm")!, 0);
      registerNativeKernels(loaded.addon);
      loaded.addon.setThreads(threads);
      if (!(await tf.setBackend(NATIVE))) {
        throw new GantryError("BACKEND_SETUP_FAILED", "tf.setBackend('native') failed", { hint: WASM_VERSION_HINT });
      }
      await tf.ready();
    },
  });
}

const WASM_VERSION_HINT = "check that @tensorflow/tfjs-backend-wasm and @tensorflow/tfjs-core are the same version (4.22.0)";

/** Initialises the wasm backend (its .wasm files found next to the installed package) unless it is. */
async function ensureWasm(): Promise<void> {
  if (tf.engine().registry.wasm) return;
  const mod = await import("@tensorflow/tfjs-backend-wasm");
  // The package's main file lives in dist/; the .wasm binaries sit beside it.
  mod.setWasmPaths(join(dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm")), "/"));
  const previous = tf.getBackend();
  if (!(await tf.setBackend("wasm"))) throw new GantryError("BACKEND_SETUP_FAILED", "tf.setBackend('wasm') failed (the native backend runs on its instance)", { hint: WASM_VERSION_HINT });
  if (previous && previous !== "wasm") await tf.setBackend(previous);
}

/** The native backend with its defaults (one OpenBLAS thread). */
export const native: Backend = nativeBackend();
