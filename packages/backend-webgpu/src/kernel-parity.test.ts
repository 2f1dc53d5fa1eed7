// webgpu vs cpu for the kernels Gantry's GANs use: matmul, conv2d, transposed conv and both conv
// backprops (through tf.grads), normalisation statistics, activations and the loss forms. Shapes are
// small: SwiftShader runs WGSL on the CPU. rtol 1e-5 of the output's scale: float32 reductions in
// another order differ by a few ulps times √K (observed ≤ 3e-7 relative).
import { tf } from "@gantry/core";
import { it } from "vitest";
import { expectParity } from "./parity.test-support.js";
import { describeWebgpu } from "./webgpu-availability.test-support.js";

const rtol = 1e-5;
const rnd = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, "float32", seed);
const r4 = (shape: number[], seed: number) => rnd(shape, seed) as tf.Tensor4D;

/** Both conv backprops at once: grads of a weighted sum of the output w.r.t. input and filter. */
function convGrads(forward: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D, xShape: number[], wShape: number[]): tf.Tensor {
  const x = r4(xShape, 1);
  const w = r4(wShape, 2);
  const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => {
    const y = forward(a as tf.Tensor4D, b as tf.Tensor4D);
    return tf.sum(tf.mul(y, rnd(y.shape, 3)));
  })([x, w]);
  return tf.concat([tf.reshape(gx!, [-1]), tf.reshape(gw!, [-1])]);
}

const cases: ReadonlyArray<readonly [string, () => tf.Tensor]> = [
  ["matMul", () => tf.matMul(rnd([5, 7], 1), rnd([7, 3], 2))],
  ["matMul transposed", () => tf.matMul(rnd([7, 5], 1), rnd([3, 7], 2), true, true)],
  ["matMul long K (split-K path)", () => tf.matMul(rnd([4, 1500], 1), rnd([1500, 3], 2))],
  ["batched matMul", () => tf.matMul(rnd([3, 9, 17], 1), rnd([3, 17, 5], 2))],
  ["conv2d same stride 2", () => tf.conv2d(r4([2, 8, 8, 3], 1), r4([4, 4, 3, 4], 2), 2, "same")],
  ["conv2d valid stride 1", () => tf.conv2d(r4([2, 7, 7, 3], 1), r4([3, 3, 3, 5], 2), 1, "valid")],
  ["conv2dTranspose same stride 2", () => tf.conv2dTranspose(r4([2, 4, 4, 4], 1), r4([4, 4, 3, 4], 2), [2, 8, 8, 3], 2, "same")],
  ["conv2dTranspose 1×1 → 4×4 (DCGAN stem)", () => tf.conv2dTranspose(r4([2, 1, 1, 8], 1), r4([4, 4, 5, 8], 2), [2, 4, 4, 5], 1, "valid")],
  ["Conv2DBackpropInput/Filter (conv2d same s2)", () => convGrads((x, w) => tf.conv2d(x, w, 2, "same"), [2, 8, 8, 3], [4, 4, 3, 4])],
  ["Conv2DBackpropInput/Filter (conv2d valid s2)", () => convGrads((x, w) => tf.conv2d(x, w, 2, "valid"), [2, 9, 9, 3], [3, 3, 3, 4])],
  ["conv2dTranspose backprops", () => convGrads((x, w) => tf.conv2dTranspose(x, w, [2, 8, 8, 3], 2, "same"), [2, 4, 4, 4], [4, 4, 3, 4])],
  ["batch-norm statistics", () => { const m = tf.moments(rnd([4, 5, 5, 6], 3), [0, 1, 2]); return tf.concat([m.mean, m.variance]); }],
  ["layer norm (mean, variance, rsqrt)", () => { const x = rnd([4, 10], 3); const m = tf.moments(x, [1], true); return tf.mul(tf.sub(x, m.mean), tf.rsqrt(tf.add(m.variance, 1e-5))); }],
  ["batchNorm op", () => tf.batchNorm(rnd([4, 3, 3, 5], 3), rnd([5], 1), tf.add(tf.abs(rnd([5], 2)), 0.1), rnd([5], 4), rnd([5], 5), 1e-3)],
  ["leakyRelu", () => tf.leakyRelu(rnd([64], 4), 0.2)],
  ["tanh", () => tf.tanh(tf.mul(rnd([64], 4), 5))],
  ["sigmoid", () => tf.sigmoid(tf.linspace(-30, 30, 61))],
  ["softplus", () => tf.softplus(tf.linspace(-30, 100, 66))],
  ["logSigmoid", () => tf.logSigmoid(tf.linspace(-100, 30, 66))],
  ["sigmoid cross-entropy", () => tf.losses.sigmoidCrossEntropy(tf.ones([41, 1]), tf.reshape(tf.linspace(-60, 60, 41), [41, 1]))],
  ["relu + softmax + logSumExp", () => tf.concat([tf.reshape(tf.relu(rnd([4, 6], 5)), [-1]), tf.reshape(tf.softmax(tf.mul(rnd([4, 6], 6), 20)), [-1]), tf.logSumExp(tf.mul(rnd([4, 6], 7), 40), 1)])],
];

/** tfjs-backend-webgpu's matmul programs (MatMulProgramType): it picks one by shape, Gantry forces 2 on software adapters. */
const matMulPrograms = ["reduce", "split-K", "small output", "packed"] as const;

/** f with WEBGPU_MATMUL_PROGRAM_TYPE set to `program` while it runs (a no-op on cpu). */
function underMatMulProgram(program: number, f: () => tf.Tensor): () => tf.Tensor {
  return () => {
    const before = tf.env().get("WEBGPU_MATMUL_PROGRAM_TYPE");
    tf.env().set("WEBGPU_MATMUL_PROGRAM_TYPE", program);
    try {
      return f();
    } finally {
      tf.env().set("WEBGPU_MATMUL_PROGRAM_TYPE", before);
    }
  };
}

await describeWebgpu("webgpu kernels match cpu", () => {
  for (const [name, f] of cases) it(name, () => expectParity(f, rtol, name));
  for (const [name, f] of cases.filter(([n]) => n.includes("matMul"))) {
    matMulPrograms.forEach((program, i) => {
      // TF.js's split-K program takes batch 1 only (it never picks it for batched products).
      if (program === "split-K" && name.startsWith("batched")) return;
      it(`${name}, ${program} program`, () => expectParity(underMatMulProgram(i, f), rtol, `${name} (${program})`));
    });
  }
});
