import fc from "fast-check";
import { expect, it } from "vitest";
import { tf, useBackend, isGantryKernel, stockKernel } from "@gantry/core";
import { describeBackends, expectNoTensorLeak, testBackend, testBackendNames, relativeError } from "@gantry/testing";

interface Case { batchA: number; batchB: number; m: number; k: number; n: number; transposeA: boolean; transposeB: boolean; rank3: boolean }
const cases: fc.Arbitrary<Case> = fc.record({
  batchA: fc.integer({ min: 1, max: 3 }), batchB: fc.integer({ min: 1, max: 3 }),
  m: fc.integer({ min: 1, max: 17 }), k: fc.integer({ min: 1, max: 17 }), n: fc.integer({ min: 1, max: 17 }),
  transposeA: fc.boolean(), transposeB: fc.boolean(), rank3: fc.boolean(),
});
// float32 products summed over ≤ 17 terms: ~1e-7 relative against float64; 1e-5 leaves room for
// XNNPACK's accumulation order and still fails on a wrong transpose (errors of order 1).
const TOL = 1e-5;

/** Operand shapes for a case: rank 2, or rank 3 with batch 1 broadcast against the other batch. */
function shapes(c: Case): { a: number[]; b: number[] } {
  const batchB = c.batchA === c.batchB || c.batchA === 1 ? c.batchB : 1;
  const a = c.transposeA ? [c.k, c.m] : [c.m, c.k];
  const b = c.transposeB ? [c.n, c.k] : [c.k, c.n];
  return c.rank3 ? { a: [c.batchA, ...a], b: [batchB, ...b] } : { a, b };
}

/** op(a)·op(b) in float64 from the definition, broadcasting the batch dimension. */
function reference(a: Float32Array, b: Float32Array, c: Case, batch: number, batchA: number, batchB: number): Float64Array {
  const out = new Float64Array(batch * c.m * c.n);
  const at = (i: number, p: number, bi: number) => a[(bi % batchA) * c.m * c.k + (c.transposeA ? p * c.m + i : i * c.k + p)];
  const bt = (p: number, j: number, bi: number) => b[(bi % batchB) * c.k * c.n + (c.transposeB ? j * c.k + p : p * c.n + j)];
  for (let bi = 0; bi < batch; bi++) for (let i = 0; i < c.m; i++) for (let j = 0; j < c.n; j++) {
    let s = 0;
    for (let p = 0; p < c.k; p++) s += at(i, p, bi) * bt(p, j, bi);
    out[(bi * c.m + i) * c.n + j] = s;
  }
  return out;
}

/** Runs the stock kernel registered before Gantry's and reads its result (freeing it). */
function runStock(kernelName: string, inputs: Record<string, tf.Tensor>, attrs: object): Float32Array {
  const stock = stockKernel(kernelName, "wasm");
  if (!stock) throw new Error(`no stock ${kernelName}`);
  const backend = tf.backend();
  const infos = Object.fromEntries(Object.entries(inputs).map(([k, t]) => [k, { dataId: t.dataId, shape: t.shape, dtype: t.dtype }]));
  const out = stock({ inputs: infos, backend, attrs: attrs as tf.NamedAttrMap }) as tf.TensorInfo;
  const values = backend.readSync(out.dataId) as Float32Array;
  backend.disposeData(out.dataId);
  return values;
}

/** The dense layer's ∇(W, b) of Σ relu(x·W + b)²/2 with tf.matMul (BatchMatMul) or tf.fused.matMul. */
function denseGrads(x: tf.Tensor2D, w: tf.Tensor2D, bias: tf.Tensor1D, fused: boolean): Float32Array[] {
  return tf.tidy(() => {
    const f = (wv: tf.Tensor, bv: tf.Tensor) => {
      const y = fused ? tf.fused.matMul({ a: x, b: wv as tf.Tensor2D, bias: bv, activation: "relu" }) : tf.relu(tf.add(tf.matMul(x, wv as tf.Tensor2D), bv));
      return tf.div(tf.sum(tf.square(y)), 2);
    };
    return tf.grads(f)([w, bias]).map((g) => g.dataSync() as Float32Array);
  });
}

describeBackends("matmul with transposes", (backend) => {
  it.runIf(backend === "wasm")("BatchMatMul and _FusedMatMul are Gantry's on wasm", () => {
    expect(isGantryKernel("BatchMatMul", "wasm")).toBe(true);
    expect(isGantryKernel("_FusedMatMul", "wasm")).toBe(true);
  });

  it("tf.matMul equals the float64 definition (and wasm's stock kernel) for random shapes, batches and flags", async () => {
    const dataIds = tf.backend().numDataIds();
    await expectNoTensorLeak(() => fc.assert(fc.property(cases, fc.nat(1000), (c, seed) => tf.tidy(() => {
      const s = shapes(c);
      const a = tf.randomUniform(s.a, -1, 1, "float32", seed);
      const b = tf.randomUniform(s.b, -1, 1, "float32", seed + 1);
      const got = tf.matMul(a, b, c.transposeA, c.transposeB).dataSync() as Float32Array;
      const batchA = c.rank3 ? s.a[0] : 1, batchB = c.rank3 ? s.b[0] : 1;
      const want = reference(a.dataSync() as Float32Array, b.dataSync() as Float32Array, c, Math.max(batchA, batchB), batchA, batchB);
      expect(relativeError(got, want)).toBeLessThan(TOL);
      if (backend !== "wasm") return;
      const stock = runStock("BatchMatMul", { a, b }, { transposeA: c.transposeA, transposeB: c.transposeB });
      expect(relativeError(got, stock)).toBeLessThan(TOL);
    })), { numRuns: 80 }));
    // Gantry's kernel frees its transposed copies: the backend holds no more buffers than before.
    expect(tf.backend().numDataIds()).toBe(dataIds);
  });

  it("tf.fused.matMul (bias, relu) equals the float64 definition for random shapes and flags", async () => {
    await expectNoTensorLeak(() => fc.assert(fc.property(cases, fc.nat(1000), (c0, seed) => tf.tidy(() => {
      const c = { ...c0, rank3: false };
      const s = shapes(c);
      const a = tf.randomUniform(s.a as [number, number], -1, 1, "float32", seed) as tf.Tensor2D;
      const b = tf.randomUniform(s.b as [number, number], -1, 1, "float32", seed + 1) as tf.Tensor2D;
      const bias = tf.randomUniform([c.n], -1, 1, "float32", seed + 2);
      const got = tf.fused.matMul({ a, b, bias, transposeA: c.transposeA, transposeB: c.transposeB, activation: "relu" }).dataSync();
      const bv = bias.dataSync();
      const want = reference(a.dataSync() as Float32Array, b.dataSync() as Float32Array, c, 1, 1, 1).map((v, i) => Math.max(0, v + bv[i % c.n]));
      expect(relativeError(got, want)).toBeLessThan(TOL);
    })), { numRuns: 40 }));
  });

  it.runIf(backend === "wasm" && testBackendNames().includes("cpu"))("dense-layer gradients on wasm equal cpu's within 1e-5 (relative norm)", async () => {
    const make = () => ({
      x: tf.randomUniform([64, 48], -1, 1, "float32", 1) as tf.Tensor2D,
      w: tf.randomUniform([48, 32], -0.3, 0.3, "float32", 2) as tf.Tensor2D,
      bias: tf.randomUniform([32], -0.1, 0.1, "float32", 3) as tf.Tensor1D,
    });
    const run = () => [false, true].map((fused) => tf.tidy(() => {
      const { x, w, bias } = make();
      return denseGrads(x, w, bias, fused);
    }));
    const onWasm = await expectNoTensorLeak(run);
    await useBackend(await testBackend("cpu"), { log: () => {} });
    try {
      const onCpu = run();
      // float32 sums of 64 terms on both sides, in different orders: ~1e-7 relative.
      for (const [i, grads] of onWasm.entries()) grads.forEach((g, j) => expect(relativeError(g, onCpu[i][j]), `fused ${i} grad ${j}`).toBeLessThan(1e-5));
    } finally {
      await useBackend(await testBackend("wasm"), { log: () => {} });
    }
  });
});
