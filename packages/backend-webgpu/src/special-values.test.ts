// The NaN/zero fixes for Sigmoid, Relu6, Log, Log1p: webgpu must give cpu's answers on the inputs
// where drivers may differ (SwiftShader: sigmoid(NaN) = 0, log(0) = -88, log1p(-100) = log 99), and
// the composed kernels must free their intermediates (backend data ids do not grow).
import { tf } from "@gantry/core";
import { expect, it } from "vitest";
import { fixedWebgpuKernels } from "./kernel-fixes.js";
import { expectParity, onBackend } from "./parity.test-support.js";
import { isGantryWebgpuKernel } from "./replace-kernel.js";
import { describeWebgpu } from "./webgpu-availability.test-support.js";

const special = [NaN, Infinity, -Infinity, 0, -0.5, 1, -1, 100, -100, -1.5];
// tf.add(·, 0) puts the values on the GPU, so the kernels under test see a GPU buffer.
const onGpu = () => tf.add(tf.tensor1d(special), 0);

const ops: ReadonlyArray<readonly [string, () => tf.Tensor]> = [
  ["Sigmoid", () => tf.sigmoid(onGpu())],
  ["Relu6", () => tf.relu6(onGpu())],
  ["Log", () => tf.log(onGpu())],
  ["Log1p", () => tf.log1p(onGpu())],
  ["Log on a CPU-resident tensor", () => tf.log(tf.tensor1d(special))],
];

await describeWebgpu("special values of the fixed kernels", () => {
  it("Gantry's kernels are registered for each fixed kernel", () => {
    for (const k of fixedWebgpuKernels) expect(isGantryWebgpuKernel(k), k).toBe(true);
  });

  // Finite values within 1e-6 relative: same formula, float32 transcendental functions differ in ulps.
  for (const [name, f] of ops) it(`${name}: NaN, ±Inf, 0 and out-of-domain inputs as on cpu`, () => expectParity(f, 1e-6, name));

  it("the composed kernels free their intermediates", async () => {
    await onBackend("webgpu", () => tf.sigmoid(onGpu()));
    const before = tf.engine().backend.numDataIds();
    for (let i = 0; i < 3; i++) {
      const y = tf.tidy(() => tf.concat([tf.sigmoid(onGpu()), tf.log(onGpu()), tf.log1p(onGpu()), tf.relu6(onGpu())]));
      await y.data();
      y.dispose();
    }
    expect(tf.engine().backend.numDataIds()).toBe(before);
  });
});
