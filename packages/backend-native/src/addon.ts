// The compiled addon (native/, built by scripts/build-addon.mjs at install into build/Release/), loaded
// on demand: a machine without OpenBLAS or a compiler installs the package without it, and the backend
// reports why it is unavailable instead of failing at import (docs/adr/0012-native-backend.md).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** What native/addon.c exports. Arrays are read and written in place; sizes are checked in C. */
export interface NativeAddon {
  /** C[i] = op(A[i])·op(B[i]) for i < batch, row-major; a stride of 0 broadcasts that operand. */
  sgemm(transA: number, transB: number, batch: number, m: number, n: number, k: number,
    a: Float32Array, strideA: number, b: Float32Array, strideB: number, c: Float32Array): void;
  /** y = act(x·w + b), row-major x [m, k], w [k, n], b [n] or empty (no bias); activation 0 linear, 1 relu. */
  dense(x: Float32Array, w: Float32Array, b: Float32Array, y: Float32Array, m: number, n: number, k: number, activation: number): void;
  /** NHWC convolution, dilation 1; `geometry` as geometryArray() writes it. */
  conv2d(x: Float32Array, filter: Float32Array, y: Float32Array, geometry: Int32Array): void;
  conv2dBackpropInput(dy: Float32Array, filter: Float32Array, dx: Float32Array, geometry: Int32Array): void;
  conv2dBackpropFilter(x: Float32Array, dy: Float32Array, dw: Float32Array, geometry: Int32Array): void;
  /** y[i] = tanh(x[i]) (glibc tanhf) for i < x.length. */
  tanh(x: Float32Array, y: Float32Array): void;
  /** y[i] = x[i] < 0 ? alpha·x[i] (float64, rounded once) : x[i] for i < x.length. */
  leakyRelu(x: Float32Array, y: Float32Array, alpha: number): void;
  /** y[i] = max(0, x[i]) for i < x.length, as Math.max (NaN stays NaN, −0 becomes 0). */
  relu(x: Float32Array, y: Float32Array): void;
  /** y[i] = NaN if x[i] is NaN, else x[i] > 0 ? 1 : alpha (as float32), for i < x.length. */
  step(x: Float32Array, y: Float32Array, alpha: number): void;
  /** out[i] = dy[i] · step(y[i]) (alpha 0), as Step then Multiply compute it, for i < dy.length. */
  reluBackprop(dy: Float32Array, y: Float32Array, out: Float32Array): void;
  /** y = a op b (op 0 add, 1 sub, 2 mul) over y as [outer, inner]; modes 0 full, 1 row [inner], 2 column [outer], 3 one value. */
  binary(op: number, a: Float32Array, aMode: number, b: Float32Array, bMode: number, y: Float32Array, outer: number, inner: number): void;
  /** x as [outer, reduced, inner]: y[o·inner + i] = scale · Σ_r x[o, r, i], summed in float64. */
  reduceSum(x: Float32Array, outer: number, reduced: number, inner: number, y: Float32Array, scale: number): void;
  /** core's AdamUpdate for one parameter; coefficients [β₁, 1 − β₁, β₂, 1 − β₂, eps, epsRoot, −lr]. */
  adamUpdate(g: Float32Array, m: Float32Array, v: Float32Array, bc1: Float32Array, bc2: Float32Array,
    mOut: Float32Array, vOut: Float32Array, update: Float32Array, coefficients: Float64Array): void;
  /** core's SeededNormal: fills `out` from alea's state [s0, s1, s2, c]; meanStd = [mean, std]. */
  seededNormal(out: Float32Array, state: Float64Array, meanStd: Float64Array): void;
  /** out[i] = log(x[i]) by the vectorised fdlibm log that seededNormal uses (for tests); x positive, normal, finite. */
  fdlibmLog(x: Float64Array, out: Float64Array): void;
  /** LAPACK dsyevd: `a` (n × n) becomes the eigenvectors, one per row; `w` the ascending eigenvalues. Returns info. */
  syevd(a: Float64Array, w: Float64Array, n: number, wantVectors: 0 | 1): number;
  /** C = alpha·op(A)·op(B) + beta·C in float64, row-major. */
  dgemm(transA: number, transB: number, m: number, n: number, k: number, alpha: number, a: Float64Array, b: Float64Array, beta: number, c: Float64Array): void;
  /** A zeroed Float64Array in addon-allocated memory (huge pages where offered), freed when collected. */
  float64Buffer(n: number): Float64Array;
  /** OpenBLAS's thread count for every later call. */
  setThreads(threads: number): void;
  threads(): number;
  /** OpenBLAS's build description (version, target CPU). */
  blasConfig(): string;
}

export type AddonLoad =
  | { readonly ok: true; readonly addon: NativeAddon; readonly path: string }
  | { readonly ok: false; readonly code: "BACKEND_NOT_INSTALLED" | "BACKEND_LOAD_FAILED"; readonly reason: string };

/** Where the install script puts the addon, relative to this file in src/ or dist/. */
export const addonPath = fileURLToPath(new URL("../build/Release/gantry_native.node", import.meta.url));

let cached: AddonLoad | undefined;

/** Loads the addon once; the outcome (addon or reason) is kept for the process. */
export function loadAddon(path: string = addonPath): AddonLoad {
  if (path === addonPath && cached) return cached;
  const result = tryLoad(path);
  if (path === addonPath) cached = result;
  return result;
}

function tryLoad(path: string): AddonLoad {
  if (!existsSync(path)) {
    return { ok: false, code: "BACKEND_NOT_INSTALLED", reason: `the addon was not built (${path} is missing)` };
  }
  try {
    return { ok: true, addon: createRequire(import.meta.url)(path) as NativeAddon, path };
  } catch (e) {
    return { ok: false, code: "BACKEND_LOAD_FAILED", reason: `the addon at ${path} failed to load: ${(e as Error).message.split("\n")[0]}` };
  }
}
