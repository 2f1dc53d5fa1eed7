// Kind `backend`: a TF.js backend that can set itself up (ADR 0002, 0003). `setup()` registers and
// activates it, or throws a GantryError saying what is missing; useBackend() tries them in order.

export interface Backend {
  /** The TF.js backend name it activates ("cpu", "wasm", "webgpu", "tensorflow"). */
  readonly name: string;
  /** Registers kernels, initialises the backend and makes it current. Throws GantryError if unavailable. */
  setup(): Promise<void>;
}
