// fusedDense takes a backend's FusedDense kernel where one is registered and otherwise runs the unfused
// ops; either way the values and the gradients (first and second order) are the unfused ops'. A counting
// stand-in on cpu, composed from the cpu backend's own kernels, takes the native backend's place
// (backend-native's kernel tests check its numbers bit for bit against the unfused ops).
import { checkGradient, describeBackends, expectNoTensorLeak } from "@gantry/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { tf } from "../index.js";
import { FusedDense, fusedDense, type FusedDenseActivation } from "./fused-dense.js";

const unfused = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor | undefined, activation: FusedDenseActivation): tf.Tensor => tf.tidy(() => {
  const z = tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D);
  const biased = b ? tf.add(z, b) : z;
  return activation === "relu" ? tf.relu(biased) : biased;
});

/** A 2-layer MLP's scalar output, through fusedDense or the unfused ops: f(x) with fixed params, and fp(x, ...params). */
function network(dense: typeof unfused, activation: FusedDenseActivation) {
  const params = [tf.tensor2d([[0.3, -0.7, 0.5], [1.1, 0.2, -0.4]]), tf.tensor1d([0.1, -0.2, 0.05]), tf.tensor2d([[0.6], [-0.9], [0.8]]), tf.tensor1d([0.02])];
  const fp = (x: tf.Tensor, w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor, b2: tf.Tensor) => tf.sum(tf.square(dense(dense(x, w1, b1, activation), w2, b2, "linear")));
  return { params, fp, f: (x: tf.Tensor) => fp(x, params[0], params[1], params[2], params[3]) };
}

/** The squared norm of ∇ₓf, a gradient penalty's shape: differentiating it is second order. */
const penaltyOf = (f: (x: tf.Tensor) => tf.Tensor) => (x: tf.Tensor) => tf.sum(tf.square(tf.grad(f)(x)));

describeBackends("fusedDense", () => {
  let calls = 0;
  beforeAll(() => {
    const run = (name: string, args: Parameters<tf.KernelFunc>[0]) => tf.getKernel(name, "cpu")!.kernelFunc(args) as tf.TensorInfo;
    tf.registerKernel({
      kernelName: FusedDense,
      backendName: "cpu",
      kernelFunc: ({ inputs, backend, attrs }) => {
        calls++;
        const { x, kernel, bias } = inputs as Record<string, tf.TensorInfo | undefined>;
        const cpu = backend as tf.KernelBackend;
        let y = run("BatchMatMul", { inputs: { a: x!, b: kernel! }, backend, attrs: { transposeA: false, transposeB: false } });
        const next = (t: tf.TensorInfo) => { cpu.disposeData(y.dataId); y = t; };
        if (bias) next(run("Add", { inputs: { a: y, b: bias }, backend, attrs: {} }));
        if ((attrs as { activation: string }).activation === "relu") next(run("Relu", { inputs: { x: y }, backend, attrs: {} }));
        return y;
      },
    });
  });
  afterAll(() => tf.unregisterKernel(FusedDense, "cpu"));

  const x = () => tf.tensor2d([[0.5, -1.2], [2.0, 0.3], [-0.4, -0.8], [0.05, 1.5]]);

  it.each(["relu", "linear"] as const)("%s: the unfused ops' values and gradients, the kernel taken where registered, nothing leaked", async (activation) => {
    await expectNoTensorLeak(async () => {
      const fused = network(fusedDense, activation), plain = network(unfused, activation);
      const xs = x();
      calls = 0;
      const read = async (t: tf.Tensor) => { const v = Array.from(await t.data()); t.dispose(); return v; };
      expect(await read(tf.tidy(() => fused.f(xs)))).toEqual(await read(tf.tidy(() => plain.f(xs))));
      expect(calls).toBe(tf.getBackend() === "cpu" ? 2 : 0);
      const all = (net: typeof fused) => tf.grads((input: tf.Tensor, w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor, b2: tf.Tensor) => net.fp(input, w1, b1, w2, b2));
      const gf = all(fused)([xs, ...fused.params]), gp = all(plain)([xs, ...plain.params]);
      for (let i = 0; i < gf.length; i++) expect(await read(gf[i]), `gradient ${i}`).toEqual(await read(gp[i]));
      const pf = tf.grad(penaltyOf(fused.f))(xs), pp = tf.grad(penaltyOf(plain.f))(xs);
      expect(await read(pf), "second order").toEqual(await read(pp));
      tf.dispose([xs, ...fused.params, ...plain.params]);
    });
  });

  it.each(["relu", "linear"] as const)("%s: first and second order against finite differences", async (activation) => {
    const net = network(fusedDense, activation);
    const xs = x();
    const first = await checkGradient(net.f, xs, { order: 1 });
    expect(first.ok, first.message).toBe(true);
    const second = await checkGradient(penaltyOf(net.f), xs, { order: 1 });
    expect(second.ok, second.message).toBe(true);
    tf.dispose([xs, ...net.params]);
  });

  it("runs the unfused ops where the kernel does not fit: no bias, rank 3, int32, mismatched shapes (TF.js's own error)", async ({ skip }) => {
    if (tf.getBackend() !== "cpu") skip();
    await expectNoTensorLeak(async () => {
      calls = 0;
      const w = tf.tensor2d([[1, 2], [3, 4]]);
      const noBias = tf.tidy(() => fusedDense(tf.tensor2d([[1, -1]]), w, undefined, "relu"));
      expect(calls).toBe(1);
      expect(Array.from(await noBias.data())).toEqual([0, 0]);
      const [rank3, ints] = tf.tidy(() => [
        fusedDense(tf.ones([1, 1, 2]), w),
        fusedDense(tf.tensor2d([[1, 1]], undefined, "int32"), tf.tensor2d([[1, 2], [3, 4]], undefined, "int32")),
      ]);
      expect(rank3.shape).toEqual([1, 1, 2]);
      expect(ints.dtype).toBe("int32");
      expect(() => tf.tidy(() => fusedDense(tf.ones([1, 3]), w))).toThrow(/inner shapes/);
      expect(calls).toBe(1);
      tf.dispose([w, noBias, rank3, ints]);
    });
  });
});
