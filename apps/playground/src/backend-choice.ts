// Sets up the page's TF.js backend: wasm (XNNPACK; its .wasm files are served beside the bundle, so
// the page works offline) or WebGPU on navigator.gpu. A software adapter (SwiftShader) is refused
// unless asked for: it is for tests, far slower than wasm for a 64-wide MLP.
import { useBackend } from "@gantry/core";
import { wasmBackend } from "@gantry/backend-wasm";
import { webgpu } from "@gantry/backend-webgpu";

export type BackendName = "wasm" | "webgpu";

export interface BackendChoice {
  readonly backend: BackendName;
  /** WebGPU only: accept a software adapter (SwiftShader). */
  readonly allowSoftware?: boolean;
}

/** Whether this page can ask for WebGPU at all. */
export function hasWebgpu(): boolean {
  return typeof navigator !== "undefined" && (navigator as Navigator & { gpu?: unknown }).gpu !== undefined;
}

/** The .wasm files' folder: beside the page (build.mjs copies them into dist/). */
function wasmFolder(): string {
  return new URL("./", document.baseURI).href;
}

/** Activates the backend and returns its name; throws a GantryError (from useBackend) saying why when it cannot. */
export async function activateBackend(choice: BackendChoice, log: (message: string) => void): Promise<string> {
  const backend = choice.backend === "webgpu"
    ? webgpu({ allowSoftware: choice.allowSoftware ?? false, log })
    : wasmBackend({ wasmPaths: wasmFolder() });
  return useBackend(backend, { log });
}
